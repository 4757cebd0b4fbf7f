import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import { DomainError } from '@app/domain';
import type { FastifyInstance } from 'fastify';
import { statusForCode } from '../common/error-status.js';
import type { AdminSessions } from './admin-session.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The BullMQ dashboard (bull-board) for admins: see, retry and clean jobs. It lives in its own
 * Fastify scope whose onRequest hook lets only admins through, pages, assets and JSON alike.
 */
export async function registerQueueDashboard(
  fastify: FastifyInstance,
  queues: Queue[],
  sessions: AdminSessions,
): Promise<void> {
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: '碳普惠 queues' } },
  });
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      try {
        await sessions.requireAdmin(request);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return reply
          .code(statusForCode(error.code))
          .type('application/json; charset=utf-8')
          .send({ code: error.code, message: error.message });
      }
    });
    await scope.register(board.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}
