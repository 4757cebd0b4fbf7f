import { DomainError, ErrorCode } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { canonicalJson, sha256Hex } from '../common/canonical-hash.js';
import type { PartnerRequest } from './partner-principal.js';

export interface StoredResponse<T = unknown> {
  statusCode: number;
  body: T;
}

/**
 * Every partner write runs once per Idempotency-Key: its effects and its response are committed in
 * one transaction; a replay answers the stored response; another request under the key is a 409.
 */
@Injectable()
export class PartnerIdempotency {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` for this signed request under its Idempotency-Key; the key is bound to method, path and body. */
  async run<T>(
    request: PartnerRequest,
    key: string,
    body: unknown,
    work: (manager: EntityManager) => Promise<StoredResponse<T>>,
  ): Promise<StoredResponse<T>> {
    const partnerId = request.partner!.partnerId;
    const hash = sha256Hex(canonicalJson({ method: request.method, path: request.url, body }));
    const replay = await this.stored<T>(partnerId, key, hash);
    if (replay) return replay;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const response = await work(manager);
        await manager.query(
          `INSERT INTO partner_requests (partner_id, idempotency_key, request_hash, status_code, response) VALUES ($1, $2, $3, $4, $5)`,
          [partnerId, key, hash, response.statusCode, JSON.stringify(response.body)],
        );
        return response;
      });
    } catch (error) {
      // A concurrent request with the same key committed first: answer as a replay.
      if ((error as { code?: string }).code === '23505') {
        const winner = await this.stored<T>(partnerId, key, hash);
        if (winner) return winner;
      }
      throw error;
    }
  }

  private async stored<T>(
    partnerId: string,
    key: string,
    hash: string,
  ): Promise<StoredResponse<T> | undefined> {
    const [row] = await this.dataSource.query<{ request_hash: string; status_code: number; response: T }[]>(
      `SELECT request_hash, status_code, response FROM partner_requests WHERE partner_id = $1 AND idempotency_key = $2`,
      [partnerId, key],
    );
    if (!row) return undefined;
    if (row.request_hash !== hash) {
      throw new DomainError(
        ErrorCode.IdempotencyKeyReused,
        'this Idempotency-Key was used with a different request',
      );
    }
    return { statusCode: row.status_code, body: row.response };
  }
}
