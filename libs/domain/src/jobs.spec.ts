import { JOB_QUEUES, QueueName, jobId } from './jobs.js';

describe('job contracts', () => {
  it('route each job to its queue', () => {
    expect(JOB_QUEUES).toEqual({ 'action.received': 'actions', 'webhook.deliver': 'webhooks' });
    expect(QueueName).toEqual({ Actions: 'actions', Webhooks: 'webhooks' });
  });

  it('name jobs deterministically, one name per kind of wake-up', () => {
    expect(jobId.actionReceived('a1')).toBe('action-a1');
    expect(jobId.actionResweep('a1', 3)).toBe('action-a1-sweep-3');
    expect(jobId.actionApproved('a1')).toBe('action-a1-approved');
    expect(jobId.webhookDelivery('d1')).toBe('webhook-d1-0');
    expect(jobId.webhookDelivery('d1', 2)).toBe('webhook-d1-2');
  });
});
