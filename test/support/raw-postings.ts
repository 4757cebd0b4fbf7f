/**
 * A posting written by hand, as LedgerWriter writes it: the key is claimed in `ledger_posting_keys`
 * in the same statement (migration 1765360000010 refuses a posting without its key row). A key
 * already taken writes nothing, like the writer's replay. Parameters: idempotency keys, cause types,
 * cause ids, reasons (text arrays of one length) and, optionally, one `created_at` for all of them.
 * Answers the new postings' `id` and `action_id`.
 */
export const RAW_POSTINGS_SQL = `
  WITH input AS (
    SELECT nextval('ledger_postings_id_seq') AS id, coalesce($5::timestamptz, now()) AS created_at, u.*
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY
           AS u(idempotency_key, cause_type, cause_id, reason, ord)
  ), claimed AS (
    INSERT INTO ledger_posting_keys (id, created_at, idempotency_key)
    SELECT id, created_at, idempotency_key FROM input ORDER BY ord
    ON CONFLICT (idempotency_key) DO NOTHING RETURNING id
  )
  INSERT INTO ledger_postings (id, created_at, idempotency_key, cause_type, cause_id, reason)
  SELECT i.id, i.created_at, i.idempotency_key, i.cause_type, i.cause_id, i.reason
    FROM input i JOIN claimed c ON c.id = i.id ORDER BY i.ord
  RETURNING id, action_id`;

export interface RawPosting {
  key: string;
  causeType?: string;
  causeId?: string;
  reason?: string;
}

/** The parameters of RAW_POSTINGS_SQL for these postings. */
export function rawPostingParams(postings: RawPosting[], createdAt: string | null = null): unknown[] {
  return [
    postings.map((p) => p.key),
    postings.map((p) => p.causeType ?? 'action'),
    postings.map((p) => p.causeId ?? 'raw'),
    postings.map((p) => p.reason ?? 'TEST'),
    createdAt,
  ];
}
