import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MethodologyVersionStatus = 'draft' | 'published' | 'retired';

/** A parameter set for a methodology module; published ones are immutable (enforced by a trigger). */
@Entity('methodology_versions')
export class MethodologyVersionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'methodology_id', type: 'text' })
  methodologyId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'module_version', type: 'int' })
  moduleVersion!: number;

  @Column({ type: 'text' })
  status!: MethodologyVersionStatus;

  @Column({ type: 'jsonb' })
  params!: unknown;

  @Column({ name: 'effective_from', type: 'timestamptz' })
  effectiveFrom!: Date;

  @Column({ name: 'effective_to', type: 'timestamptz', nullable: true })
  effectiveTo!: Date | null;

  @Column({ name: 'region_scope', type: 'text', array: true, nullable: true })
  regionScope!: string[] | null;

  @Column({ type: 'text' })
  source!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
