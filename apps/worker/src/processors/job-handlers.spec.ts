import { QueueName } from '@app/domain';
import { assertEveryJobHandledOnce } from './job-handlers.js';

const handler = async () => undefined;

describe('assertEveryJobHandledOnce', () => {
  it('accepts one handler per job on its queue', () => {
    expect(() =>
      assertEveryJobHandledOnce([{ queue: QueueName.Actions, handlers: { 'action.received': handler } }]),
    ).not.toThrow();
  });

  it('refuses a job with no handler', () => {
    expect(() => assertEveryJobHandledOnce([])).toThrow('action.received has 0 handlers');
  });

  it('refuses a job with two handlers', () => {
    const processor = { queue: QueueName.Actions, handlers: { 'action.received': handler } };
    expect(() => assertEveryJobHandledOnce([processor, processor])).toThrow('action.received has 2 handlers');
  });

  it('refuses an unknown job name', () => {
    expect(() =>
      assertEveryJobHandledOnce([
        { queue: QueueName.Actions, handlers: { 'action.received': handler, 'made.up': handler } },
      ]),
    ).toThrow('made.up is not a known job');
  });
});
