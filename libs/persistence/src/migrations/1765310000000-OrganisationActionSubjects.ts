import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 follow-up: an action is a citizen's or an organisation's, never both. An organisation's
 * action used to carry the submitting member (or, when a partner pushed it, the organisation's first
 * manager) in `citizen_id`, so it counted as that citizen's everywhere citizens' actions are read (their
 * history, caps, active-citizen counts). Now `citizen_id` is the citizen subject only, `organisation_id`
 * the organisation subject, exactly one of them set; the member who submitted an organisation's action
 * is kept in `submitted_by` (NULL when a partner pushed it).
 *
 * Also: organisation members can be removed and re-added, each change kept in an append-only history.
 */
export class OrganisationActionSubjects1765310000000 implements MigrationInterface {
  name = 'OrganisationActionSubjects1765310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE actions ADD COLUMN submitted_by uuid REFERENCES citizens(id)`);
    await q.query(`ALTER TABLE actions ALTER COLUMN citizen_id DROP NOT NULL`);
    // A report delta of an organisation's action has no citizen: it counts in the totals, not as an active citizen.
    await q.query(`ALTER TABLE report_action_deltas ALTER COLUMN citizen_id DROP NOT NULL`);
    // The day rollups do not depend on citizen_id, so converting rows must not emit report deltas.
    await q.query(`ALTER TABLE actions DISABLE TRIGGER actions_report_changes`);
    await q.query(
      `UPDATE actions SET submitted_by = CASE WHEN source = 'self' THEN citizen_id END, citizen_id = NULL
       WHERE organisation_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE actions ENABLE TRIGGER actions_report_changes`);
    await q.query(
      `ALTER TABLE actions ADD CONSTRAINT actions_one_subject CHECK (
         (citizen_id IS NULL) <> (organisation_id IS NULL) AND (submitted_by IS NULL OR organisation_id IS NOT NULL))`,
    );

    await q.query(`ALTER TABLE organisation_members ADD COLUMN removed_at timestamptz`);
    await q.query(`ALTER TABLE organisation_members ADD COLUMN removed_by uuid REFERENCES admins(id)`);
    await q.query(`
      CREATE TABLE organisation_member_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        citizen_id uuid NOT NULL REFERENCES citizens(id),
        event text NOT NULL CHECK (event IN ('added', 'role-changed', 'removed', 're-added')),
        role text NOT NULL CHECK (role IN ('manager', 'member')),
        admin_id uuid NOT NULL REFERENCES admins(id),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX organisation_member_events_organisation ON organisation_member_events (organisation_id, id)`,
    );
    await q.query(
      `CREATE TRIGGER organisation_member_events_append_only BEFORE UPDATE OR DELETE ON organisation_member_events
       FOR EACH ROW EXECUTE FUNCTION forbid_ledger_rewrite()`,
    );
    // The members already there were added by the admin recorded on them.
    await q.query(
      `INSERT INTO organisation_member_events (organisation_id, citizen_id, event, role, admin_id, at)
       SELECT organisation_id, citizen_id, 'added', role, added_by, added_at FROM organisation_members
       ORDER BY added_at, organisation_id, citizen_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organisation_member_events`);
    // The old schema knows no removed members: someone removed is simply not a member.
    await q.query(`DELETE FROM organisation_members WHERE removed_at IS NOT NULL`);
    await q.query(`ALTER TABLE organisation_members DROP COLUMN removed_by, DROP COLUMN removed_at`);

    await q.query(`ALTER TABLE actions DROP CONSTRAINT actions_one_subject`);
    // Back to the old shape: the member who submitted it, or (pushed) the organisation's first member.
    await q.query(`ALTER TABLE actions DISABLE TRIGGER actions_report_changes`);
    await q.query(
      `UPDATE actions a SET citizen_id = coalesce(a.submitted_by,
         (SELECT m.citizen_id FROM organisation_members m WHERE m.organisation_id = a.organisation_id
           ORDER BY (m.role = 'manager') DESC, m.added_at, m.citizen_id LIMIT 1))
       WHERE a.organisation_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE actions ENABLE TRIGGER actions_report_changes`);
    // Fails (and rolls back) when an organisation with pushed actions has no member to carry them.
    await q.query(`ALTER TABLE actions ALTER COLUMN citizen_id SET NOT NULL`);
    await q.query(`ALTER TABLE actions DROP COLUMN submitted_by`);
    // Pending deltas without a citizen are folded into the day rows now (as the compactor would).
    await q.query(
      `WITH moved AS (DELETE FROM report_action_deltas WHERE citizen_id IS NULL RETURNING *)
       INSERT INTO report_action_days AS r (day, methodology_id, district_code, source, actions, grams, points)
       SELECT day, methodology_id, district_code, source, sum(actions), sum(grams), sum(points)
         FROM moved GROUP BY 1, 2, 3, 4
       ON CONFLICT (day, methodology_id, district_code, source) DO UPDATE
         SET actions = r.actions + excluded.actions, grams = r.grams + excluded.grams, points = r.points + excluded.points`,
    );
    await q.query(`ALTER TABLE report_action_deltas ALTER COLUMN citizen_id SET NOT NULL`);
  }
}
