import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import { DomainError } from '@app/domain';
import type { FastifyInstance } from 'fastify';
import { statusForCode } from '../common/error-status.js';
import type { AdminSessions } from './admin-session.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

// bull-board's page links IBM Plex from Google Fonts, which a government intranet cannot reach (the
// page then waits on it); without the link its stylesheet falls back to the system's sans-serif and
// monospace fonts, which carry the Chinese glyphs anyway.
const EXTERNAL_STYLESHEET = /<link[^>]+href="https?:\/\/[^"]+"[^>]*rel="stylesheet"[^>]*>\s*/g;

/** The dashboard's HTML without stylesheets from the internet. */
export const withoutExternalStylesheets = (html: string): string => html.replace(EXTERNAL_STYLESHEET, '');

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
    options: { uiConfig: { boardTitle: '碳普惠任务队列', locale: { lng: 'zh-CN' } } },
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
    scope.addHook('onSend', async (_request, reply, payload) =>
      typeof payload === 'string' && String(reply.getHeader('content-type')).startsWith('text/html')
        ? withoutExternalStylesheets(payload)
        : payload,
    );
    await scope.register(board.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}
