import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The grams → points conversion, versioned; points = floor(grams × pointsPerGram). */
@Entity('points_rules')
export class PointsRuleEntity {
  @PrimaryColumn({ type: 'int' })
  version!: number;

  @Column({ name: 'points_per_gram', type: 'numeric' })
  pointsPerGram!: string;

  @Column({ name: 'effective_from', type: 'timestamptz' })
  effectiveFrom!: Date;

  @Column({ type: 'text' })
  source!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
