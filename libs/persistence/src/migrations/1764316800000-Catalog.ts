import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rewards, citizens' orders, and signed webhook deliveries of fulfilment events to partners. */
export class Catalog1764316800000 implements MigrationInterface {
  name = 'Catalog1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rewards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id text NOT NULL REFERENCES partners(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        points_price bigint NOT NULL CHECK (points_price > 0),
        stock int NOT NULL CHECK (stock >= 0),
        per_citizen_limit int NOT NULL CHECK (per_citizen_limit > 0),
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL CHECK (valid_to > valid_from),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reward_id uuid NOT NULL REFERENCES rewards(id),
        citizen_id uuid NOT NULL REFERENCES citizens(id),
        partner_id text NOT NULL REFERENCES partners(id),
        points bigint NOT NULL CHECK (points > 0),
        status text NOT NULL CHECK (status IN ('pending', 'fulfilled', 'failed', 'cancelled')),
        coupon_code text,
        failure_reason text,
        idempotency_key text NOT NULL,
        request_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        UNIQUE (citizen_id, idempotency_key),
        CHECK (status <> 'fulfilled' OR coupon_code IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX orders_citizen ON orders (citizen_id, created_at DESC)`);
    await q.query(`CREATE INDEX orders_reward_citizen ON orders (reward_id, citizen_id)`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id text NOT NULL REFERENCES partners(id),
        order_id uuid REFERENCES orders(id),
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'parked')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        parked_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_open ON webhook_deliveries (status, created_at) WHERE status <> 'delivered'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries, orders, rewards`);
  }
}
