import { QueueName } from '@app/domain';
import { assertEveryJobHandledOnce } from './job-handlers.js';

const handler = async () => undefined;
const actions = { queue: QueueName.Actions, handlers: { 'action.received': handler } };
const webhooks = { queue: QueueName.Webhooks, handlers: { 'webhook.deliver': handler } };

describe('assertEveryJobHandledOnce', () => {
  it('accepts one handler per job on its queue', () => {
    expect(() => assertEveryJobHandledOnce([actions, webhooks])).not.toThrow();
  });

  it('refuses a job with no handler', () => {
    expect(() => assertEveryJobHandledOnce([actions])).toThrow('webhook.deliver has 0 handlers');
  });

  it('refuses a job with two handlers', () => {
    expect(() => assertEveryJobHandledOnce([actions, actions, webhooks])).toThrow(
      'action.received has 2 handlers',
    );
  });

  it('refuses a job on the wrong queue', () => {
    expect(() =>
      assertEveryJobHandledOnce([
        actions,
        { queue: QueueName.Actions, handlers: { 'webhook.deliver': handler } },
      ]),
    ).toThrow('webhook.deliver is handled on queue actions');
  });

  it('refuses an unknown job name', () => {
    expect(() =>
      assertEveryJobHandledOnce([
        { queue: QueueName.Actions, handlers: { 'action.received': handler, 'made.up': handler } },
        webhooks,
      ]),
    ).toThrow('made.up is not a known job');
  });
});
