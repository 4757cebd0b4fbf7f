import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A uuid in the text form PostgreSQL prints (lower case, hyphenated): the only form `id::text` gives. */
const CANONICAL_UUID = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

/**
 * Typed ids beside the ledger's text ones, so queries join on uuids instead of comparing `id::text`
 * (which also defeats the primary-key index of the uuid side):
 * - `ledger_postings.action_id`: the action a posting of cause type 'action' is about;
 * - `accounts.citizen_id`: the citizen owning a citizen's account (carbon, points, held points).
 *
 * Both are generated from the text column, so no writer changes. They are set only when the text is a
 * uuid as PostgreSQL prints one: then a uuid equals the typed id exactly when its printed text equals
 * the text column, so the joins match the same rows as before; a posting or account whose text is not
 * such a uuid (raw test postings, owners like 'c-1') is still accepted, with the typed id left NULL,
 * as it matched no uuid before either.
 */
export class PostingActionId1765200000000 implements MigrationInterface {
  name = 'PostingActionId1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ledger_postings ADD COLUMN action_id uuid GENERATED ALWAYS AS (
        CASE WHEN cause_type = 'action' AND cause_id ~ ${CANONICAL_UUID} THEN cause_id::uuid END
      ) STORED`);
    await q.query(`
      ALTER TABLE accounts ADD COLUMN citizen_id uuid GENERATED ALWAYS AS (
        CASE WHEN kind IN ('citizen_carbon', 'citizen_points', 'points_held') AND owner ~ ${CANONICAL_UUID}
             THEN owner::uuid END
      ) STORED`);
    // A team's members and a few citizens' boards look their accounts up by citizen.
    await q.query(`CREATE INDEX accounts_citizen ON accounts (citizen_id) WHERE citizen_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX accounts_citizen`);
    await q.query(`ALTER TABLE accounts DROP COLUMN citizen_id`);
    await q.query(`ALTER TABLE ledger_postings DROP COLUMN action_id`);
  }
}
