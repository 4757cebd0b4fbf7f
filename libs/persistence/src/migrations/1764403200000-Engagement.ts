import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citizen engagement: nicknames, friends (invite by code), teams and their monthly challenges,
 * badges awarded once per citizen, and account deletion by anonymisation (`citizens.deleted_at`).
 * Leaderboards are not here: they are Redis sorted sets rebuilt from the ledger.
 */
export class Engagement1764403200000 implements MigrationInterface {
  name = 'Engagement1764403200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE citizens ADD COLUMN deleted_at timestamptz`);
    await q.query(`
      CREATE TABLE citizen_profiles (
        citizen_id uuid PRIMARY KEY REFERENCES citizens(id),
        nickname text CHECK (nickname IS NULL OR length(nickname) BETWEEN 1 AND 24),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE friend_invites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        inviter_id uuid NOT NULL REFERENCES citizens(id),
        code_digest char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        accepted_by uuid REFERENCES citizens(id),
        accepted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX friend_invites_inviter ON friend_invites (inviter_id)`);
    // Stored in both directions, so "my friends" is one index range.
    await q.query(`
      CREATE TABLE friendships (
        citizen_id uuid NOT NULL REFERENCES citizens(id),
        friend_id uuid NOT NULL REFERENCES citizens(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (citizen_id, friend_id),
        CHECK (citizen_id <> friend_id)
      )`);
    await q.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        kind text NOT NULL CHECK (kind IN ('community', 'school', 'workplace', 'other')),
        district_code char(6) NOT NULL,
        invite_code text NOT NULL UNIQUE,
        created_by uuid REFERENCES citizens(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE team_members (
        team_id uuid NOT NULL REFERENCES teams(id),
        citizen_id uuid NOT NULL REFERENCES citizens(id),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, citizen_id)
      )`);
    await q.query(`CREATE INDEX team_members_citizen ON team_members (citizen_id)`);
    await q.query(`
      CREATE TABLE team_challenges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams(id),
        month char(7) NOT NULL CHECK (month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        target_grams bigint NOT NULL CHECK (target_grams > 0),
        created_by uuid REFERENCES citizens(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (team_id, month)
      )`);
    // Awarded once: the primary key makes a second award (another worker, a re-run) a no-op.
    await q.query(`
      CREATE TABLE citizen_badges (
        citizen_id uuid NOT NULL REFERENCES citizens(id),
        badge_id text NOT NULL,
        evidence jsonb NOT NULL,
        awarded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (citizen_id, badge_id)
      )`);
    await q.query(
      `CREATE INDEX actions_citizen_settled ON actions (citizen_id, occurred_at) WHERE status = 'settled'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX actions_citizen_settled`);
    await q.query(
      `DROP TABLE citizen_badges, team_challenges, team_members, teams, friendships, friend_invites, citizen_profiles`,
    );
    await q.query(`ALTER TABLE citizens DROP COLUMN deleted_at`);
  }
}
