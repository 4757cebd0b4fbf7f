import { DomainError, ErrorCode } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { IdempotencyRepository } from './idempotency.repository.js';

/** What a write answers: the HTTP status and the body. */
export interface StoredResponse<T = unknown> {
  statusCode: number;
  body: T;
}

/** What `run` answers: the response, and whether it is the stored answer to an earlier request. */
export interface IdempotentResult<T = unknown> extends StoredResponse<T> {
  replayed: boolean;
}

export interface RunOptions<T = unknown> {
  /**
   * Look the key up before opening the transaction (default). A write whose own effects are
   * idempotent by a unique key of theirs (an action's row) may skip it: a replay then runs `fn`,
   * which finds its earlier row, and the record's unique key turns the run into a replay.
   */
  lookUpFirst?: boolean;
  /**
   * Queue same-key runs on a lock before `fn` and look the key up again under it, so a racing
   * repeat never runs `fn` at all: for effects that draw what a rollback cannot give back (a
   * certificate serial from a sequence). Costs two statements more per run.
   */
  serialized?: boolean;
  /** The error a reused key answers, given the stored body (default: a plain IDEMPOTENCY_KEY_REUSED). */
  reused?: (storedBody: T) => DomainError;
}

/**
 * One idempotency mechanism for every write that takes an Idempotency-Key. `run(scope, key,
 * requestHash, fn)` runs `fn` once per (scope, key): its effects and the stored response commit in
 * one transaction; the same key again with the same request hash answers the stored response
 * (`replayed: true`); with another hash it is IDEMPOTENCY_KEY_REUSED and nothing is written. Two
 * requests racing under one key: the loser's insert of the record waits for the winner's, fails on
 * the primary key, rolls back everything it did, and answers the winner's stored response. Whatever
 * error a run ends in (a unique key of the effects themselves, or a rule a winner's effects now
 * break), the key is looked up again, so a lost race always answers as a replay.
 */
@Injectable()
export class IdempotencyStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: IdempotencyRepository,
  ) {}

  async run<T>(
    scope: string,
    key: string,
    requestHash: string,
    fn: (manager: EntityManager) => Promise<StoredResponse<T>>,
    options: RunOptions<T> = {},
  ): Promise<IdempotentResult<T>> {
    if (options.lookUpFirst ?? true) {
      const earlier = await this.replay<T>(scope, key, requestHash, options);
      if (earlier) return earlier;
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (options.serialized) {
          await this.records.lockKey(manager, scope, key);
          const earlier = await this.replay<T>(scope, key, requestHash, options, manager);
          if (earlier) return earlier;
        }
        const response = await fn(manager);
        await this.records.insert(manager, {
          scope,
          key,
          requestHash,
          statusCode: response.statusCode,
          response: response.body,
        });
        return { ...response, replayed: false };
      });
    } catch (error) {
      const winner = await this.replay<T>(scope, key, requestHash, options).catch((lookup: unknown) => {
        // A reused key is the answer; a failing look-up is not, the run's own error is.
        if (lookup instanceof DomainError) throw lookup;
        return undefined;
      });
      if (winner) return winner;
      throw error;
    }
  }

  private async replay<T>(
    scope: string,
    key: string,
    requestHash: string,
    options: RunOptions<T>,
    manager?: EntityManager,
  ): Promise<IdempotentResult<T> | undefined> {
    const record = await this.records.find(scope, key, manager);
    if (!record) return undefined;
    if (record.requestHash !== requestHash) {
      throw (
        options.reused?.(record.response as T) ??
        new DomainError(
          ErrorCode.IdempotencyKeyReused,
          'this Idempotency-Key was used with a different request',
        )
      );
    }
    return { statusCode: record.statusCode, body: record.response as T, replayed: true };
  }
}
