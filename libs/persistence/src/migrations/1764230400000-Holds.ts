import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Partner holds on citizens' points: reserve, then confirm (possibly less), cancel, or expire — once. */
export class Holds1764230400000 implements MigrationInterface {
  name = 'Holds1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE holds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id text NOT NULL REFERENCES partners(id),
        citizen_id uuid NOT NULL REFERENCES citizens(id),
        points bigint NOT NULL CHECK (points > 0),
        confirmed_points bigint CHECK (confirmed_points >= 0 AND confirmed_points <= points),
        status text NOT NULL CHECK (status IN ('active', 'confirmed', 'cancelled', 'expired')),
        reference text,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        CHECK ((status = 'active') = (resolved_at IS NULL)),
        CHECK (status <> 'confirmed' OR confirmed_points IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX holds_expiring ON holds (expires_at) WHERE status = 'active'`);
    // Which lots a hold took its points from, so released points go back where they came from.
    await q.query(`
      CREATE TABLE hold_lots (
        hold_id uuid NOT NULL REFERENCES holds(id),
        lot_id bigint NOT NULL REFERENCES points_lots(id),
        points bigint NOT NULL CHECK (points > 0),
        PRIMARY KEY (hold_id, lot_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hold_lots, holds`);
  }
}
