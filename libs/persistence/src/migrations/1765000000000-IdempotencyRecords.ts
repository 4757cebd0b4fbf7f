import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An instant as JavaScript's toISOString() writes it, so imported responses equal the ones the API wrote. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One store of idempotent requests for every write that takes an Idempotency-Key: a record per
 * (scope, key) holds the request's hash and the response answered, committed in the transaction of
 * the write's effects. The partner requests move in (scope `partner:<id>`); `partner_requests` stays
 * readable as a view over them. The keys donations, redemptions and retirements kept on their own
 * rows are imported with the response a replay answered, so a key used before this migration
 * still replays. Actions need no import: their own unique key answers a replay of an older key.
 */
export class IdempotencyRecords1765000000000 implements MigrationInterface {
  name = 'IdempotencyRecords1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_records (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash char(64) NOT NULL,
        status_code smallint NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await q.query(`
      INSERT INTO idempotency_records (scope, key, request_hash, status_code, response, created_at)
      SELECT 'partner:' || partner_id, idempotency_key, request_hash, status_code, response, created_at
      FROM partner_requests`);
    await q.query(`
      INSERT INTO idempotency_records (scope, key, request_hash, status_code, response, created_at)
      SELECT 'citizen:' || split_part(d.donation_id, ':', 1) || ':donations',
             substr(d.donation_id, strpos(d.donation_id, ':') + 1),
             p.details->>'requestHash', 201,
             jsonb_build_object('donationId', d.donation_id, 'target', p.details->>'target',
                                'points', p.details->>'points', 'createdAt', ${iso('p.created_at')}),
             p.created_at
      FROM ledger_postings p, LATERAL (SELECT substr(p.idempotency_key, length('donation/') + 1) AS donation_id) d
      WHERE p.idempotency_key LIKE 'donation/%'`);
    await q.query(`
      INSERT INTO idempotency_records (scope, key, request_hash, status_code, response, created_at)
      SELECT 'citizen:' || citizen_id || ':redemptions', idempotency_key, request_hash, 201,
             jsonb_build_object('orderId', id, 'rewardId', reward_id, 'partnerId', partner_id,
                                'points', points::text, 'status', status, 'couponCode', coupon_code,
                                'failureReason', failure_reason, 'createdAt', ${iso('created_at')},
                                'resolvedAt', CASE WHEN resolved_at IS NULL THEN NULL ELSE ${iso('resolved_at')} END),
             created_at
      FROM orders`);
    await q.query(`
      INSERT INTO idempotency_records (scope, key, request_hash, status_code, response, created_at)
      SELECT 'admin:retirements', idempotency_key, request_hash, 201,
             jsonb_build_object('id', id, 'serial', serial, 'region', trim(region), 'grams', grams::text,
                                'purpose', purpose, 'beneficiary', beneficiary, 'createdBy', created_by,
                                'createdAt', ${iso('created_at')}, 'postingId', posting_id::text),
             created_at
      FROM retirements`);
    await q.query(`DROP TABLE partner_requests`);
    await q.query(`
      CREATE VIEW partner_requests AS
      SELECT substr(scope, length('partner:') + 1) AS partner_id, key AS idempotency_key, request_hash,
             status_code::int AS status_code, response, created_at
      FROM idempotency_records WHERE scope LIKE 'partner:%'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW partner_requests`);
    await q.query(`
      CREATE TABLE partner_requests (
        partner_id text NOT NULL REFERENCES partners(id),
        idempotency_key text NOT NULL,
        request_hash char(64) NOT NULL,
        status_code int NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partner_id, idempotency_key)
      )`);
    await q.query(`
      INSERT INTO partner_requests (partner_id, idempotency_key, request_hash, status_code, response, created_at)
      SELECT substr(scope, length('partner:') + 1), key, request_hash, status_code, response, created_at
      FROM idempotency_records WHERE scope LIKE 'partner:%'`);
    await q.query(`DROP TABLE idempotency_records`);
  }
}
