import type { ActionStatus } from '@app/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A citizen's low-carbon action: the inbox row the pipeline moves from received to settled. */
@Entity('actions')
export class ActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'citizen_id', type: 'uuid' })
  citizenId!: string;

  @Column({ name: 'district_code', type: 'char', length: 6 })
  districtCode!: string;

  @Column({ name: 'methodology_id', type: 'text' })
  methodologyId!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'idempotency_scope', type: 'text' })
  idempotencyScope!: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  evidence!: Record<string, unknown> | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'interval_start', type: 'timestamptz', nullable: true })
  intervalStart!: Date | null;

  @Column({ name: 'interval_end', type: 'timestamptz', nullable: true })
  intervalEnd!: Date | null;

  @Column({ type: 'text' })
  status!: ActionStatus;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode!: string | null;

  @Column({ name: 'methodology_version_id', type: 'bigint', nullable: true })
  methodologyVersionId!: string | null;

  @Column({ type: 'bigint', nullable: true })
  grams!: string | null;

  @Column({ type: 'bigint', nullable: true })
  points!: string | null;

  @Column({ name: 'points_rule_version', type: 'int', nullable: true })
  pointsRuleVersion!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  trace!: unknown;

  @Column({ name: 'posting_id', type: 'bigint', nullable: true })
  postingId!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'quantified_at', type: 'timestamptz', nullable: true })
  quantifiedAt!: Date | null;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
