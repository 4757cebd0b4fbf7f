import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AdminRole } from './admin-accounts.js';

/** Admin accounts that may still act: not disabled, not removed. */
@Injectable()
export class ActiveAdminsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The role of the admin account with this id, or null when it is disabled or does not exist. */
  async roleOf(adminId: string): Promise<AdminRole | null> {
    const [row] = await this.dataSource.query<{ role: AdminRole }[]>(
      `SELECT role FROM admins WHERE id = $1 AND disabled_at IS NULL`,
      [adminId],
    );
    return row?.role ?? null;
  }
}
