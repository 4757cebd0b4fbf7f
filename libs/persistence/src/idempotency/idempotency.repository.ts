import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** One idempotent request: the hash of what was asked and the response that was answered. */
export interface IdempotencyRecord {
  scope: string;
  key: string;
  requestHash: string;
  statusCode: number;
  response: unknown;
}

interface IdempotencyRecordRow {
  request_hash: string;
  status_code: number;
  response: unknown;
}

/** The `idempotency_records` table: one row per (scope, key), written once. */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(
    scope: string,
    key: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<IdempotencyRecord | undefined> {
    const [row] = await manager.query<IdempotencyRecordRow[]>(
      `SELECT request_hash, status_code, response FROM idempotency_records WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    return row
      ? { scope, key, requestHash: row.request_hash, statusCode: row.status_code, response: row.response }
      : undefined;
  }

  /** Queues the transactions that run under one (scope, key), until the holder commits or rolls back. */
  async lockKey(manager: EntityManager, scope: string, key: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1 || ' ' || $2, 0))`, [scope, key]);
  }

  /** Inserts the record; a concurrent insert of the same (scope, key) waits, then fails with 23505. */
  async insert(manager: EntityManager, record: IdempotencyRecord): Promise<void> {
    await manager.query(
      `INSERT INTO idempotency_records (scope, key, request_hash, status_code, response) VALUES ($1, $2, $3, $4, $5)`,
      [record.scope, record.key, record.requestHash, record.statusCode, JSON.stringify(record.response)],
    );
  }
}
