import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A report's claim subject (its fingerprint without the metering period; prefixed by the citizen where
 * only the citizen's own claims count) so quantification finds every claim of the same device, receipt
 * or unit, by any citizen where that matters, with one index lookup. The period stays in the
 * fingerprint (`<kind>/<device>/<from>/<to>`).
 */
export class EventSubjects1764748800000 implements MigrationInterface {
  name = 'EventSubjects1764748800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE actions ADD COLUMN event_subject text`);
    // As claimSubject was when this was written: device events are matched across citizens, the rest
    // within the citizen's own claims.
    await q.query(
      `UPDATE actions
       SET event_subject = CASE WHEN methodology_id IN ('rooftop-pv', 'heat-pump', 'efficient-ac') THEN s.subject
                                ELSE citizen_id::text || ':' || s.subject END
       FROM (SELECT id, regexp_replace(fingerprint, '/\\d{4}-\\d{2}-\\d{2}/\\d{4}-\\d{2}-\\d{2}$', '') AS subject
             FROM actions WHERE fingerprint IS NOT NULL) s
       WHERE actions.id = s.id`,
    );
    await q.query(
      `CREATE INDEX actions_event_subject ON actions (event_subject) WHERE event_subject IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX actions_event_subject`);
    await q.query(`ALTER TABLE actions DROP COLUMN event_subject`);
  }
}
