import { APP_CONFIG, type AppConfig } from '@app/config';
import { QueueName } from '@app/domain';
import { ActiveAdminsRepository, PersistenceModule } from '@app/persistence';
import { QueuesModule } from '@app/queues';
import fastifyCookie from '@fastify/cookie';
import { getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { AuthModule } from '../auth/auth.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { observeHttpRequests } from '../metrics/http-metrics.js';
import { AdminSessions } from './admin-session.js';
import { registerConsole } from './console-static.js';
import { registerMiniprogram } from './miniprogram-static.js';
import { registerQueueDashboard } from './queue-dashboard.js';
import { registerRequestLog } from './request-log.js';
import { registerSecurityHeaders } from './security-headers.js';

/**
 * Pages that are plain Fastify routes (the queue dashboard and the admin console for operators, the
 * mini-program's H5 build for citizens), and the Fastify-level pieces every response passes through
 * (security headers, request logs, request metrics).
 */
@Module({
  imports: [AuthModule, PersistenceModule, QueuesModule, MetricsModule],
  providers: [AdminSessions, ActiveAdminsRepository],
})
export class OperationsModule {}

/**
 * Wires the operations pieces into Fastify. Runs after the application is created and before it is
 * initialised, so the hooks and the cookie parser are in place before Nest adds its routes.
 */
export async function mountOperations(app: NestFastifyApplication, logger: Logger): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const config = app.get<AppConfig>(APP_CONFIG);
  registerSecurityHeaders(fastify, config.isProduction);
  if (config.http.requestLogs) registerRequestLog(fastify, logger);
  observeHttpRequests(fastify, app.get(MetricsService).httpRequests);
  await fastify.register(fastifyCookie);
  const queues = Object.values(QueueName).map((name) =>
    app.get<Queue>(getQueueToken(name), { strict: false }),
  );
  await registerQueueDashboard(fastify, queues, app.get(AdminSessions));
  await registerConsole(fastify, config.http.consoleDir);
  await registerMiniprogram(fastify, config.http.miniprogramDir);
}
