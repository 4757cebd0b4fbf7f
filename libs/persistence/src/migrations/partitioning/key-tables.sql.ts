/**
 * The narrow, unpartitioned key tables beside the partitioned `actions` and `ledger_postings`, frozen
 * as of migration 1765330000000. A partitioned table's unique indexes must contain its partition key,
 * so what must be unique across months lives here instead:
 * - `action_keys (id, received_at, idempotency_scope, idempotency_key)`: the one row per action id
 *   (the target of every foreign key to an action, and the month its row lives in), and the one
 *   action per (scope, key);
 * - `ledger_posting_keys (id, created_at, idempotency_key)`: the same for postings.
 *
 * A BEFORE INSERT trigger claims the key; when the (scope, key) is taken it skips the row, which is
 * what the writers' `INSERT … ON CONFLICT DO NOTHING` did with the old unique index (a concurrent
 * insert of the same key waits for the first, as before). Insert statements therefore no longer name
 * a conflict target: the parent has no such index to name.
 */
export const ACTION_KEYS = {
  create: `
    CREATE TABLE action_keys (
      id uuid PRIMARY KEY,
      received_at timestamptz NOT NULL,
      idempotency_scope text NOT NULL,
      idempotency_key text NOT NULL,
      UNIQUE (idempotency_scope, idempotency_key)
    )`,
  fill: `INSERT INTO action_keys (id, received_at, idempotency_scope, idempotency_key)
         SELECT id, received_at, idempotency_scope, idempotency_key FROM actions`,
  functions: [
    `CREATE FUNCTION claim_action_key() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO action_keys (id, received_at, idempotency_scope, idempotency_key)
       VALUES (NEW.id, NEW.received_at, NEW.idempotency_scope, NEW.idempotency_key)
       ON CONFLICT (idempotency_scope, idempotency_key) DO NOTHING;
       IF FOUND THEN RETURN NEW; END IF;
       RETURN NULL; -- the key is taken: the row is skipped, as ON CONFLICT DO NOTHING skipped it
     END $$`,
    // A row that changes month moves partition: PostgreSQL deletes it (releasing the key) and inserts
    // it (claiming it again); this keeps the key row in step when it stays in its partition.
    `CREATE FUNCTION move_action_key() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       UPDATE action_keys SET id = NEW.id, received_at = NEW.received_at,
              idempotency_scope = NEW.idempotency_scope, idempotency_key = NEW.idempotency_key
        WHERE id = OLD.id;
       RETURN NEW;
     END $$`,
    `CREATE FUNCTION release_action_key() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       DELETE FROM action_keys WHERE id = OLD.id;
       RETURN OLD;
     END $$`,
  ],
  triggers: [
    `CREATE TRIGGER actions_claim_key BEFORE INSERT ON actions FOR EACH ROW EXECUTE FUNCTION claim_action_key()`,
    `CREATE TRIGGER actions_move_key BEFORE UPDATE OF id, received_at, idempotency_scope, idempotency_key ON actions
     FOR EACH ROW WHEN ((OLD.id, OLD.received_at, OLD.idempotency_scope, OLD.idempotency_key)
                        IS DISTINCT FROM (NEW.id, NEW.received_at, NEW.idempotency_scope, NEW.idempotency_key))
     EXECUTE FUNCTION move_action_key()`,
    `CREATE TRIGGER actions_release_key BEFORE DELETE ON actions FOR EACH ROW EXECUTE FUNCTION release_action_key()`,
  ],
  triggerNames: ['actions_claim_key', 'actions_move_key', 'actions_release_key'],
  dropTriggers: [
    `DROP TRIGGER actions_claim_key ON actions`,
    `DROP TRIGGER actions_move_key ON actions`,
    `DROP TRIGGER actions_release_key ON actions`,
  ],
  dropObjects: [
    `DROP TABLE action_keys`,
    `DROP FUNCTION claim_action_key(), move_action_key(), release_action_key()`,
  ],
};

export const LEDGER_POSTING_KEYS = {
  create: `
    CREATE TABLE ledger_posting_keys (
      id bigint PRIMARY KEY,
      created_at timestamptz NOT NULL,
      idempotency_key text NOT NULL UNIQUE
    )`,
  fill: `INSERT INTO ledger_posting_keys (id, created_at, idempotency_key)
         SELECT id, created_at, idempotency_key FROM ledger_postings`,
  functions: [
    `CREATE FUNCTION claim_posting_key() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO ledger_posting_keys (id, created_at, idempotency_key)
       VALUES (NEW.id, NEW.created_at, NEW.idempotency_key)
       ON CONFLICT (idempotency_key) DO NOTHING;
       IF FOUND THEN RETURN NEW; END IF;
       RETURN NULL; -- posted before: an idempotent replay writes nothing
     END $$`,
  ],
  // Postings are append-only, and so are their keys: no move or release.
  triggers: [
    `CREATE TRIGGER ledger_postings_claim_key BEFORE INSERT ON ledger_postings FOR EACH ROW EXECUTE FUNCTION claim_posting_key()`,
    `CREATE TRIGGER ledger_posting_keys_append_only BEFORE UPDATE OR DELETE ON ledger_posting_keys
     FOR EACH ROW EXECUTE FUNCTION forbid_ledger_rewrite()`,
  ],
  triggerNames: ['ledger_postings_claim_key'],
  dropTriggers: [`DROP TRIGGER ledger_postings_claim_key ON ledger_postings`],
  dropObjects: [`DROP TABLE ledger_posting_keys`, `DROP FUNCTION claim_posting_key()`],
};
