/**
 * Each account's latest checkpoint (SQL, a derived table): its balance and version at the end of the
 * newest archived month it had entries in (table `ledger_checkpoints`, written when a ledger month is
 * archived). Checkpoints are cumulative, so the newest one is the base its later entries continue.
 */
export const LATEST_CHECKPOINTS = `(SELECT DISTINCT ON (account_id) account_id, balance, account_version
    FROM ledger_checkpoints ORDER BY account_id, month DESC)`;

/** The instant before which every ledger row is archived (SQL scalar; NULL while no month is). */
export const ARCHIVED_BEFORE = `(SELECT max(ends_at) FROM ledger_archived_months)`;
