import { DomainError, ErrorCode } from '@app/domain';
import { CitizenDataRepository } from '@app/persistence';
import { LeaderboardStore } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { CitizenStatus } from '../auth/citizen-status.js';
import { WechatSessionKeys } from '../auth/wechat/session-keys.js';

/**
 * Export and deletion of a citizen's data.
 *
 * Deletion anonymises, because the ledger is append-only and must stay balanced: the citizen row
 * loses its openid digest (the WeChat user gets a fresh account at the next login) and is marked
 * deleted; the nickname, friendships, invites, team memberships and badges are deleted; bindings are
 * revoked; actions keep what the bureau's audit needs (methodology version, grams, trace, timestamps)
 * but lose their payload and evidence. Kept unchanged: ledger entries and accounts (they name only
 * the opaque citizen id), points lots (their points expire as usual), orders, holds and donations
 * (financial records of partners and the bureau).
 */
@Injectable()
export class PrivacyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly data: CitizenDataRepository,
    private readonly boards: LeaderboardStore,
    private readonly citizens: CitizenStatus,
    private readonly sessionKeys: WechatSessionKeys,
  ) {}

  async export(citizen: CitizenPrincipal) {
    const profile = await this.data.exportProfile(citizen.citizenId);
    if (!profile) throw new DomainError(ErrorCode.AccountDeleted, 'this account has been deleted');
    const sections = await this.data.exportSections(citizen.citizenId);
    return { exportedAt: new Date().toISOString(), profile, ...sections };
  }

  async delete(citizen: CitizenPrincipal): Promise<{ deleted: true; kept: string[] }> {
    const id = citizen.citizenId;
    await this.dataSource.transaction(async (m) => {
      if (!(await this.data.lockLiveCitizen(m, id)))
        throw new DomainError(ErrorCode.AccountDeleted, 'this account has been deleted');
      await this.data.anonymise(m, id);
    });
    // Tokens already issued stop working from here on (on other replicas within 30 s).
    this.citizens.markDeleted(id);
    await this.boards.removeCitizen(id);
    await this.sessionKeys.forget(id);
    return {
      deleted: true,
      kept: [
        'ledger entries and accounts under the opaque citizen id (the ledger is append-only and must balance)',
        "actions' methodology version, grams, trace and timestamps (the audit of credited reductions), without payload or evidence",
        'points lots, orders, holds and donations (financial records)',
      ],
    };
  }
}
