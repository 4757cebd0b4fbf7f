import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Holds nobody confirmed or cancelled before they expired. */
@Injectable()
export class HoldExpiryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Active holds past their expiry, the longest-expired first. */
  async dueIds(limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM holds WHERE status = 'active' AND expires_at <= now() ORDER BY expires_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }
}
