import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('methodologies')
export class MethodologyEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
