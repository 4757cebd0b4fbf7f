import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rejected action was credited nothing, so it keeps no credited grams or points: review rejections
 * and superseded reports used to keep the figures they would have had, and citizens saw them. The
 * requested grams and the trace stay, for the audit. Nothing to restore on the way down.
 */
export class RejectedActionsCreditNothing1764835200000 implements MigrationInterface {
  name = 'RejectedActionsCreditNothing1764835200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE actions SET grams = NULL, points = NULL
       WHERE status = 'rejected' AND (grams IS NOT NULL OR points IS NOT NULL)`,
    );
  }

  async down(): Promise<void> {}
}
