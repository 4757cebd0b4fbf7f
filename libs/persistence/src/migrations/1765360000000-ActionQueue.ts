import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: the work queue leaves the record. Three partial indexes of `actions` named `status` in
 * their predicates (quantification, settlement and review queues), and a predicate's column counts as
 * indexed: no status move (received → quantified → settled) could be a HOT update, so each move wrote
 * a new row version plus an entry in every index of `actions`.
 *
 * `action_queue` holds one narrow row per action waiting for a worker or a reviewer: an action has a
 * queue row exactly when its status is received, quantified or review, with `stage` = status. The
 * row carries the action's partition key (`received_at`, so the claim's join and the updates by the
 * whole key probe one month), its lane key (`holder_hash`, the hash settlement lanes split holders
 * by) and when it entered its stage (`queued_at`, the action's `updated_at` at the move). Statement
 * triggers on `actions` keep it, so every path that writes a status (intake, organisation submits,
 * quantification, review decisions, supersession, settlement, admin tools, the bench's SQL) keeps the
 * invariant without knowing the queue exists.
 *
 * Partitions of `actions` keep half of each page free so the moves stay on their page (HOT); the
 * DEFAULT partition carries the setting too, which `ensure_month_partition` copies to every month it
 * creates later. Pages already full are not rewritten (that needs VACUUM FULL outside a transaction).
 */
export class ActionQueue1765360000000 implements MigrationInterface {
  name = 'ActionQueue1765360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE action_queue (
         action_id uuid PRIMARY KEY,
         received_at timestamptz NOT NULL,
         stage text NOT NULL CHECK (stage IN ('received', 'quantified', 'review')),
         holder_hash int NOT NULL,
         queued_at timestamptz NOT NULL
       )`,
    );
    await q.query(`CREATE INDEX action_queue_stage ON action_queue (stage, queued_at, action_id)`);
    for (const sql of [...QUEUE_FUNCTIONS, ...QUEUE_TRIGGERS]) await q.query(sql);
    await q.query(
      `INSERT INTO action_queue (action_id, received_at, stage, holder_hash, queued_at)
       SELECT ${QUEUE_ROW('a')} FROM actions a WHERE ${PENDING('a')}`,
    );
    await q.query(`DROP INDEX actions_quantification_queue, actions_settlement_queue, actions_review_queue`);
    for (const partition of await partitionsOfActions(q))
      await q.query(`ALTER TABLE ${partition} SET (fillfactor = ${ACTIONS_FILLFACTOR})`);
    await q.query(`ANALYZE action_queue`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const partition of await partitionsOfActions(q))
      await q.query(`ALTER TABLE ${partition} RESET (fillfactor)`);
    await q.query(
      `CREATE INDEX actions_settlement_queue ON actions (quantified_at, id) WHERE status = 'quantified'`,
    );
    await q.query(
      `CREATE INDEX actions_quantification_queue ON actions (received_at, id) WHERE status = 'received'`,
    );
    await q.query(`CREATE INDEX actions_review_queue ON actions (received_at) WHERE status = 'review'`);
    for (const trigger of ['actions_queue_insert', 'actions_queue_update', 'actions_queue_delete'])
      await q.query(`DROP TRIGGER ${trigger} ON actions`);
    await q.query(
      `DROP FUNCTION action_queue_on_insert(), action_queue_on_update(), action_queue_on_delete()`,
    );
    await q.query(`DROP TABLE action_queue`);
  }
}

/** Share of each page of `actions` filled by inserts; the rest is room for HOT status moves. */
export const ACTIONS_FILLFACTOR = 50;

const PENDING = (t: string) => `${t}.status IN ('received', 'quantified', 'review')`;

/**
 * The queue row of action `t`: the lane key is settlement's (`hashtext(holder) & 2147483647`, holder =
 * the citizen, or the organisation for its own actions).
 */
const QUEUE_ROW = (t: string) =>
  `${t}.id, ${t}.received_at, ${t}.status,
   hashtext(coalesce(${t}.citizen_id, ${t}.organisation_id)::text) & 2147483647, ${t}.updated_at`;

const QUEUE_FUNCTIONS = [
  `CREATE FUNCTION action_queue_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO action_queue (action_id, received_at, stage, holder_hash, queued_at)
     SELECT ${QUEUE_ROW('n')} FROM new_rows n WHERE ${PENDING('n')};
     RETURN NULL;
   END $$`,
  // Only rows whose status (or partition key) changed touch the queue: a row leaving the pending
  // statuses loses its queue row, a row entering or moving between them gets it (re)written.
  `CREATE FUNCTION action_queue_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     WITH moved AS (
       SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE o.status IS DISTINCT FROM n.status OR o.received_at IS DISTINCT FROM n.received_at
     ), left_queue AS (
       DELETE FROM action_queue q USING moved m WHERE q.action_id = m.id AND NOT ${PENDING('m')}
     )
     INSERT INTO action_queue AS q (action_id, received_at, stage, holder_hash, queued_at)
     SELECT ${QUEUE_ROW('m')} FROM moved m WHERE ${PENDING('m')}
     ON CONFLICT (action_id) DO UPDATE
       SET received_at = excluded.received_at, stage = excluded.stage, queued_at = excluded.queued_at;
     RETURN NULL;
   END $$`,
  `CREATE FUNCTION action_queue_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     DELETE FROM action_queue q USING old_rows o WHERE q.action_id = o.id AND ${PENDING('o')};
     RETURN NULL;
   END $$`,
];

const QUEUE_TRIGGERS = [
  `CREATE TRIGGER actions_queue_insert AFTER INSERT ON actions REFERENCING NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION action_queue_on_insert()`,
  `CREATE TRIGGER actions_queue_update AFTER UPDATE ON actions
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION action_queue_on_update()`,
  `CREATE TRIGGER actions_queue_delete AFTER DELETE ON actions REFERENCING OLD TABLE AS old_rows
     FOR EACH STATEMENT EXECUTE FUNCTION action_queue_on_delete()`,
];

/** Every partition of `actions` (the month partitions and the DEFAULT one), quoted. */
async function partitionsOfActions(q: QueryRunner): Promise<string[]> {
  const rows: { name: string }[] = await q.query(
    `SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'actions'::regclass ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}
