/**
 * The first step of a pipeline claim: the oldest `limit` ($1) queue rows of a stage, locked with
 * SKIP LOCKED so that concurrent claims take disjoint rows. Used as a MATERIALIZED CTE named `q`
 * before the join to `actions`: joined in one query, PostgreSQL joined the stage's whole queue to the
 * partitioned `actions` and sorted it before the LIMIT (190 ms for a 1,000-row batch out of a
 * 100,000-action backlog, against 18 ms this way).
 *
 * A claim never waits: the queue rows are taken with SKIP LOCKED here, the action rows with SKIP LOCKED
 * in the outer query. So it cannot close a cycle with a review or a supersede, which lock the action
 * first and its queue row second (through the statement trigger).
 */
export function claimFromQueue(stage: 'received' | 'quantified', filter = 'true'): string {
  return `SELECT q.action_id, q.received_at, q.queued_at FROM action_queue q
          WHERE q.stage = '${stage}' AND ${filter}
          ORDER BY q.queued_at, q.action_id LIMIT $1
          FOR UPDATE OF q SKIP LOCKED`;
}
