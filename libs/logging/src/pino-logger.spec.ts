import { Logger } from '@nestjs/common';
import { PinoNestLogger, createRootLogger } from './pino-logger.js';

describe('PinoNestLogger', () => {
  const lines: Record<string, unknown>[] = [];
  const root = createRootLogger(
    { level: 'debug', service: 'test' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const nest = new PinoNestLogger(root);
  beforeEach(() => lines.splice(0));

  it("writes Nest's messages as JSON lines with their level, context and stack", () => {
    nest.log('started', 'NestApplication');
    nest.warn('slow', 'Sweeper');
    nest.error('failed', 'Error: boom\n    at x (y.js:1:1)', 'Webhooks');
    nest.debug({ jobs: 3 }, 'Queue');
    expect(lines.map(({ level, msg, context, service }) => ({ level, msg, context, service }))).toEqual([
      { level: 30, msg: 'started', context: 'NestApplication', service: 'test' },
      { level: 40, msg: 'slow', context: 'Sweeper', service: 'test' },
      { level: 50, msg: 'failed', context: 'Webhooks', service: 'test' },
      { level: 20, msg: undefined, context: 'Queue', service: 'test' },
    ]);
    expect(lines[2].stack).toContain('Error: boom');
    expect(lines[3].jobs).toBe(3);
  });

  it('is what Nest loggers write through once installed, and redacts credentials', () => {
    Logger.overrideLogger(nest);
    new Logger('Auth').log({ msg: 'login', authorization: 'Bearer abc', token: 'abc' });
    Logger.overrideLogger(false);
    expect(lines[0]).toMatchObject({ context: 'Auth', authorization: '[redacted]', token: '[redacted]' });
    expect(JSON.stringify(lines)).not.toContain('abc');
  });
});
