import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An action may name the earlier reports it replaces (a WeRun day sent again with a new count): the
 * worker supersedes those like a more trusted source's duplicate, so a settled day is corrected by
 * posting only the difference. The index finds a citizen's WeRun reports of one day.
 */
export class ActionReplacements1764849600000 implements MigrationInterface {
  name = 'ActionReplacements1764849600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE actions ADD COLUMN replaces uuid[]`);
    await q.query(
      `CREATE INDEX actions_werun_day ON actions (citizen_id, (payload->>'date')) WHERE source = 'wechat-werun'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX actions_werun_day`);
    await q.query(`ALTER TABLE actions DROP COLUMN replaces`);
  }
}
