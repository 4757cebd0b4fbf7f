import { DomainError } from '@app/domain';
import { ReadReplica, type ReadChoice } from '@app/persistence';
import {
  applyDecorators,
  createParamDecorator,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { EntityManager } from 'typeorm';

/** How @ReplicaRead() marks an operation for the document builder (openapi-conventions.ts). */
export const REPLICA_READ_EXTENSION = 'x-replica-read';

/** The staleness note every replica-routed answer carries (docs/api.md "Read replica"). */
export const READ_HEADERS = {
  source: 'X-Read-Source',
  asOf: 'X-Data-As-Of',
  lag: 'X-Replica-Lag-Ms',
  fallback: 'X-Read-Fallback',
} as const;

type RoutedRequest = FastifyRequest & { readChoice?: ReadChoice };

function noteStaleness(reply: FastifyReply, choice: ReadChoice): void {
  reply.header(READ_HEADERS.source, choice.source);
  reply.header(READ_HEADERS.asOf, choice.asOf.toISOString());
  if (choice.replicaLagMs === null) reply.removeHeader(READ_HEADERS.lag);
  else reply.header(READ_HEADERS.lag, String(choice.replicaLagMs));
  if (choice.fallback) reply.header(READ_HEADERS.fallback, choice.fallback);
  else reply.removeHeader(READ_HEADERS.fallback);
}

/** A 404 of the domain (ACTION_NOT_FOUND, …): from a standby it may only mean "not replayed yet". */
const notFound = (error: unknown) => error instanceof DomainError && error.code.endsWith('NOT_FOUND');

/**
 * Routes the handler's reads (ReadReplica.choose()), writes the staleness note, and runs the handler
 * once more on the primary when the standby fails under it or does not have what was asked for (an
 * object created a moment ago is not answered 404). Only for routes that only read.
 */
@Injectable()
export class ReplicaReadInterceptor implements NestInterceptor {
  constructor(private readonly replica: ReadReplica) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<RoutedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const run = (choice: ReadChoice) => {
      request.readChoice = choice;
      noteStaleness(reply, choice);
      return lastValueFrom(next.handle(), { defaultValue: undefined });
    };
    return from(
      (async () => {
        const choice = await this.replica.choose();
        try {
          return await run(choice);
        } catch (error) {
          const retry =
            this.replica.fallbackAfter(choice, error) ??
            (choice.source === 'replica' && notFound(error)
              ? this.replica.primaryChoice('not-yet-replicated', choice.replicaLagMs)
              : undefined);
          if (!retry) throw error;
          return run(retry);
        }
      })(),
    );
  }
}

/** A read-only route that tolerates bounded staleness: its reads may be served by the standby. */
export const ReplicaRead = () =>
  applyDecorators(UseInterceptors(ReplicaReadInterceptor), ApiExtension(REPLICA_READ_EXTENSION, true));

/** The EntityManager @ReplicaRead() chose for this request: pass it to the repositories. */
export const ReadManager = createParamDecorator((_data: unknown, ctx: ExecutionContext): EntityManager => {
  const choice = ctx.switchToHttp().getRequest<RoutedRequest>().readChoice;
  if (!choice) throw new Error('@ReadManager() needs @ReplicaRead() on the route');
  return choice.manager;
});
