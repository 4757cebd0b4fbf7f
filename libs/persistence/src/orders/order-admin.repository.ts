import type { OrderRow } from '@app/ledger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Orders for the admin catalog (resolving one is the ledger's resolveOrder). */
@Injectable()
export class OrderAdminRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first, at most `limit`, only those in `status` when given. */
  async list(status: string | null, limit: number): Promise<OrderRow[]> {
    return this.dataSource.query<OrderRow[]>(
      `SELECT * FROM orders WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC LIMIT $2`,
      [status, limit],
    );
  }
}
