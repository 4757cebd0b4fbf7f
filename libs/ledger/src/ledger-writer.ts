import { DomainError, ErrorCode } from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { accountKey, assertBalanced, type AccountRef, type Posting } from './posting.js';

interface LockedAccount {
  id: string;
  balance: bigint;
  version: bigint;
}

export interface PostResult {
  /** idempotency key → posting id, for new and already-written postings alike. */
  postingIds: Map<string, string>;
  /** Idempotency keys of the postings this call wrote (the rest were replays). */
  writtenKeys: Set<string>;
  written: number;
  replayed: number;
}

/**
 * The one writer of ledger postings. Callers own the transaction and pass its EntityManager, and
 * must not have locked accounts themselves. The writer creates missing accounts, locks the touched
 * ones in id order (so concurrent writers never deadlock), claims each posting's idempotency key in
 * `ledger_posting_keys` in the statement that inserts the postings (a key already taken: the posting
 * was written before and is skipped), and writes all entries and balance updates in two statements
 * whatever the batch size.
 */
@Injectable()
export class LedgerWriter {
  /**
   * Creates missing accounts, in one global order (kind, owner): two writers that need the same new
   * accounts then wait for each other in the same order, never in a cycle. It runs before any account
   * is locked, so a writer waiting here holds no lock another writer could need.
   */
  async ensureAccounts(manager: EntityManager, refs: AccountRef[]): Promise<void> {
    const unique = await this.missingAccounts(
      manager,
      uniqueAccounts(refs).sort((a, b) => (accountKey(a) < accountKey(b) ? -1 : 1)),
    );
    if (!unique.length) return;
    await manager.query(
      `INSERT INTO accounts (kind, owner, asset, shard)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[])
       ON CONFLICT (kind, owner, shard) DO NOTHING`,
      [
        unique.map((a) => a.kind),
        unique.map((a) => a.owner),
        unique.map((a) => a.asset),
        unique.map((a) => a.shard ?? 0),
      ],
    );
  }

  /**
   * The accounts of `refs` that do not exist yet, in the order given. Read without locks: an account
   * created meanwhile is skipped by the insert's ON CONFLICT. Once a citizen has accounts, a batch
   * inserts nothing: asking first is far cheaper than an INSERT … ON CONFLICT that conflicts on every
   * row (measured about 20 µs of PostgreSQL per existing account, two per settled action).
   */
  private async missingAccounts(manager: EntityManager, refs: AccountRef[]): Promise<AccountRef[]> {
    if (!refs.length) return [];
    const existing: { kind: string; owner: string; shard: number }[] = await manager.query(
      `SELECT kind, owner, shard FROM accounts
        WHERE (kind, owner, shard) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[]))`,
      [refs.map((r) => r.kind), refs.map((r) => r.owner), refs.map((r) => r.shard ?? 0)],
    );
    const found = new Set(
      existing.map((row) =>
        accountKey({ kind: row.kind as AccountRef['kind'], owner: row.owner, shard: row.shard }),
      ),
    );
    return refs.filter((r) => !found.has(accountKey(r)));
  }

  async post(manager: EntityManager, postings: Posting[]): Promise<PostResult> {
    postings.forEach(assertBalanced);
    const postingIds = new Map<string, string>();
    if (!postings.length) return { postingIds, writtenKeys: new Set(), written: 0, replayed: 0 };

    const refs = uniqueAccounts(postings.flatMap((p) => p.lines.map((l) => l.account)));
    await this.ensureAccounts(manager, refs);
    const accounts = await this.lockAccounts(manager, refs);

    const inserted: { id: string; idempotency_key: string }[] = await manager.query(
      `WITH input AS (
         SELECT nextval('ledger_postings_id_seq') AS id, u.*
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[]) WITH ORDINALITY
                AS u(idempotency_key, cause_type, cause_id, reason, details, ord)
       ), claimed AS (
         INSERT INTO ledger_posting_keys (id, created_at, idempotency_key)
         SELECT id, now(), idempotency_key FROM input ORDER BY ord
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id
       )
       INSERT INTO ledger_postings (id, created_at, idempotency_key, cause_type, cause_id, reason, details)
       SELECT i.id, now(), i.idempotency_key, i.cause_type, i.cause_id, i.reason, i.details
         FROM input i JOIN claimed c ON c.id = i.id ORDER BY i.ord
       RETURNING id, idempotency_key`,
      [
        postings.map((p) => p.idempotencyKey),
        postings.map((p) => p.causeType),
        postings.map((p) => p.causeId),
        postings.map((p) => p.reason),
        postings.map((p) => (p.details ? JSON.stringify(p.details) : null)),
      ],
    );
    for (const row of inserted) postingIds.set(row.idempotency_key, String(row.id));

    const entries = {
      posting: [] as string[],
      account: [] as string[],
      asset: [] as string[],
      amount: [] as string[],
      after: [] as string[],
      version: [] as string[],
    };
    for (const posting of postings) {
      const postingId = postingIds.get(posting.idempotencyKey);
      if (!postingId) continue; // written before: an idempotent replay
      for (const line of posting.lines) {
        const account = accounts.get(accountKey(line.account))!;
        account.balance += line.amount;
        account.version += 1n;
        entries.posting.push(postingId);
        entries.account.push(account.id);
        entries.asset.push(line.account.asset);
        entries.amount.push(line.amount.toString());
        entries.after.push(account.balance.toString());
        entries.version.push(account.version.toString());
      }
    }

    const replayedKeys = postings.map((p) => p.idempotencyKey).filter((k) => !postingIds.has(k));
    if (replayedKeys.length) {
      const existing: { id: string; idempotency_key: string }[] = await manager.query(
        `SELECT id, idempotency_key FROM ledger_posting_keys WHERE idempotency_key = ANY($1::text[])`,
        [replayedKeys],
      );
      for (const row of existing) postingIds.set(row.idempotency_key, String(row.id));
    }

    if (entries.posting.length) {
      await manager.query(
        `INSERT INTO ledger_entries (posting_id, account_id, asset, amount, balance_after, account_version)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[])`,
        [entries.posting, entries.account, entries.asset, entries.amount, entries.after, entries.version],
      );
      const touchedIds = new Set(entries.account);
      const touched = [...accounts.values()].filter((a) => touchedIds.has(a.id));
      await manager.query(
        `UPDATE accounts a SET balance = v.balance, version = v.version
         FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS v(id, balance, version)
         WHERE a.id = v.id`,
        [
          touched.map((a) => a.id),
          touched.map((a) => a.balance.toString()),
          touched.map((a) => a.version.toString()),
        ],
      );
    }
    return {
      postingIds,
      writtenKeys: new Set(inserted.map((row) => row.idempotency_key)),
      written: inserted.length,
      replayed: replayedKeys.length,
    };
  }

  /**
   * Creates and locks these accounts in id order, returning their balances: for use cases that must
   * check a balance before posting (spending points). Locking every account the posting will touch,
   * in the same order as post() does, keeps such a use case from deadlocking with other writers.
   */
  async lockForSpending(manager: EntityManager, refs: AccountRef[]): Promise<Map<string, bigint>> {
    const unique = uniqueAccounts(refs);
    await this.ensureAccounts(manager, unique);
    const locked = await this.lockAccounts(manager, unique);
    return new Map([...locked].map(([key, account]) => [key, account.balance]));
  }

  private async lockAccounts(
    manager: EntityManager,
    refs: AccountRef[],
  ): Promise<Map<string, LockedAccount>> {
    const rows: {
      id: string;
      kind: string;
      owner: string;
      shard: number;
      balance: string;
      version: string;
    }[] = refs.length
      ? await manager.query(
          `SELECT id, kind, owner, shard, balance, version FROM accounts
             WHERE (kind, owner, shard) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[]))
             ORDER BY id FOR UPDATE`,
          [refs.map((r) => r.kind), refs.map((r) => r.owner), refs.map((r) => r.shard ?? 0)],
        )
      : [];
    const locked = new Map<string, LockedAccount>();
    for (const row of rows) {
      locked.set(accountKey({ kind: row.kind as AccountRef['kind'], owner: row.owner, shard: row.shard }), {
        id: String(row.id),
        balance: BigInt(row.balance),
        version: BigInt(row.version),
      });
    }
    const missing = refs.filter((r) => !locked.has(accountKey(r)));
    if (missing.length)
      throw new DomainError(
        ErrorCode.LedgerAccountMissing,
        `accounts not created before posting: ${missing.map(accountKey).join(', ')}`,
      );
    return locked;
  }
}

function uniqueAccounts(refs: AccountRef[]): AccountRef[] {
  const byKey = new Map<string, AccountRef>();
  for (const ref of refs) byKey.set(accountKey(ref), ref);
  return [...byKey.values()];
}
