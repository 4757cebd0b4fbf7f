import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type Asset = 'CO2E_G' | 'POINTS';

/** A ledger account; balance and version move only through ledger postings. */
@Entity('accounts')
export class AccountEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  owner!: string;

  @Column({ type: 'text' })
  asset!: Asset;

  @Column({ type: 'bigint' })
  balance!: string;

  @Column({ type: 'bigint' })
  version!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
