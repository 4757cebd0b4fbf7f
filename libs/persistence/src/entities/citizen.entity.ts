import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A citizen, known only by a pseudonymous id; the WeChat openid is stored as a keyed digest. */
@Entity('citizens')
export class CitizenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'openid_digest', type: 'text' })
  openidDigest!: string;

  @Column({ name: 'district_code', type: 'char', length: 6 })
  districtCode!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_login_at', type: 'timestamptz' })
  lastLoginAt!: Date;
}
