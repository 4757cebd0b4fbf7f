import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citizens, methodology parameter sets, points rules, the actions inbox and the double-entry ledger.
 * The ledger's rules live in the database too: entries and postings are append-only, every INSERT
 * of entries balances per posting and asset, and citizens' points can never go negative.
 */
export class Foundation1763712000000 implements MigrationInterface {
  name = 'Foundation1763712000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE citizens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        openid_digest text NOT NULL UNIQUE,
        district_code char(6) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE methodologies (
        id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]*$'),
        title text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE methodology_versions (
        id bigserial PRIMARY KEY,
        methodology_id text NOT NULL REFERENCES methodologies(id),
        version int NOT NULL CHECK (version > 0),
        module_version int NOT NULL CHECK (module_version > 0),
        status text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
        params jsonb NOT NULL,
        effective_from timestamptz NOT NULL,
        effective_to timestamptz CHECK (effective_to IS NULL OR effective_to > effective_from),
        region_scope text[],
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        UNIQUE (methodology_id, version)
      )`);
    // A published version is what actions were quantified with: its numbers may never change.
    await q.query(`
      CREATE FUNCTION forbid_published_version_edit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'methodology version %@% is %, it cannot be deleted', OLD.methodology_id, OLD.version, OLD.status
              USING ERRCODE = 'check_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status <> 'draft' AND (
             NEW.params IS DISTINCT FROM OLD.params OR NEW.module_version IS DISTINCT FROM OLD.module_version
             OR NEW.effective_from IS DISTINCT FROM OLD.effective_from OR NEW.region_scope IS DISTINCT FROM OLD.region_scope
             OR NEW.methodology_id IS DISTINCT FROM OLD.methodology_id OR NEW.version IS DISTINCT FROM OLD.version) THEN
          RAISE EXCEPTION 'methodology version %@% is %, its parameters are immutable', OLD.methodology_id, OLD.version, OLD.status
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER methodology_versions_immutable BEFORE UPDATE OR DELETE ON methodology_versions
      FOR EACH ROW EXECUTE FUNCTION forbid_published_version_edit()`);

    await q.query(`
      CREATE TABLE points_rules (
        version int PRIMARY KEY CHECK (version > 0),
        points_per_gram numeric(12, 6) NOT NULL CHECK (points_per_gram >= 0),
        effective_from timestamptz NOT NULL,
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        citizen_id uuid NOT NULL REFERENCES citizens(id),
        district_code char(6) NOT NULL,
        methodology_id text NOT NULL REFERENCES methodologies(id),
        source text NOT NULL,
        idempotency_scope text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash char(64) NOT NULL,
        payload jsonb NOT NULL,
        evidence jsonb,
        occurred_at timestamptz NOT NULL,
        interval_start timestamptz,
        interval_end timestamptz,
        status text NOT NULL DEFAULT 'received'
          CHECK (status IN ('received', 'quantified', 'settled', 'rejected', 'review')),
        reason_code text,
        methodology_version_id bigint REFERENCES methodology_versions(id),
        grams bigint CHECK (grams >= 0),
        points bigint CHECK (points >= 0),
        points_rule_version int REFERENCES points_rules(version),
        trace jsonb,
        posting_id bigint,
        received_at timestamptz NOT NULL DEFAULT now(),
        quantified_at timestamptz,
        settled_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (idempotency_scope, idempotency_key),
        CHECK (status <> 'rejected' OR reason_code IS NOT NULL),
        CHECK (status NOT IN ('quantified', 'settled') OR (grams IS NOT NULL AND points IS NOT NULL AND methodology_version_id IS NOT NULL)),
        CHECK (status <> 'settled' OR posting_id IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX actions_pending ON actions (updated_at) WHERE status IN ('received', 'quantified')`,
    );
    await q.query(`CREATE INDEX actions_citizen_recent ON actions (citizen_id, received_at DESC)`);
    await q.query(
      `CREATE INDEX actions_citizen_interval ON actions (citizen_id, interval_start) WHERE interval_start IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE accounts (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        owner text NOT NULL,
        asset text NOT NULL CHECK (asset IN ('CO2E_G', 'POINTS')),
        balance bigint NOT NULL DEFAULT 0,
        version bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (kind, owner),
        CHECK (kind <> 'citizen_points' OR balance >= 0)
      )`);
    await q.query(`
      CREATE TABLE ledger_postings (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        cause_type text NOT NULL,
        cause_id text NOT NULL,
        reason text NOT NULL,
        details jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ledger_postings_cause ON ledger_postings (cause_type, cause_id)`);
    await q.query(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        posting_id bigint NOT NULL REFERENCES ledger_postings(id),
        account_id bigint NOT NULL REFERENCES accounts(id),
        asset text NOT NULL,
        amount bigint NOT NULL CHECK (amount <> 0),
        balance_after bigint NOT NULL,
        account_version bigint NOT NULL CHECK (account_version > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (account_id, account_version)
      )`);
    await q.query(`CREATE INDEX ledger_entries_posting ON ledger_entries (posting_id)`);
    await q.query(`CREATE INDEX ledger_entries_account_recent ON ledger_entries (account_id, id DESC)`);
    await q.query(
      `ALTER TABLE actions ADD CONSTRAINT actions_posting_fk FOREIGN KEY (posting_id) REFERENCES ledger_postings(id)`,
    );

    // Append-only: corrections are reversing postings, never edits.
    await q.query(`
      CREATE FUNCTION forbid_ledger_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['ledger_entries', 'ledger_postings']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION forbid_ledger_rewrite()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION forbid_ledger_rewrite()`,
      );
    }
    // Conservation: the entries one statement inserts balance per posting and asset.
    await q.query(`
      CREATE FUNCTION check_entries_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE unbalanced record;
      BEGIN
        SELECT posting_id, asset, sum(amount) AS total INTO unbalanced
          FROM new_entries GROUP BY posting_id, asset HAVING sum(amount) <> 0 LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'posting % does not balance in %: off by %', unbalanced.posting_id, unbalanced.asset, unbalanced.total
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_balance AFTER INSERT ON ledger_entries
      REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION check_entries_balance()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE actions DROP CONSTRAINT actions_posting_fk`);
    await q.query(
      `DROP TABLE ledger_entries, ledger_postings, accounts, actions, points_rules, methodology_versions, methodologies, citizens`,
    );
    await q.query(
      `DROP FUNCTION check_entries_balance(), forbid_ledger_rewrite(), forbid_published_version_edit()`,
    );
  }
}
