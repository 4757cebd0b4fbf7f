import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The citizen a login found or created. */
export interface LoggedInCitizen {
  id: string;
  districtCode: string;
  /** True when this login created the citizen. */
  created: boolean;
}

/** Citizens as login and the token guard see them: found by their openid's keyed digest, or by id. */
@Injectable()
export class CitizenLoginsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Finds the citizen with this openid digest, or creates one in `newDistrictCode`; records the login
   * and, when `chosenDistrictCode` is given, moves the citizen there.
   */
  async recordLogin(
    openidDigest: string,
    newDistrictCode: string,
    chosenDistrictCode: string | null,
  ): Promise<LoggedInCitizen> {
    const [row] = await this.dataSource.query<{ id: string; district_code: string; created: boolean }[]>(
      `INSERT INTO citizens (openid_digest, district_code) VALUES ($1, $2)
       ON CONFLICT (openid_digest) DO UPDATE
         SET last_login_at = now(), district_code = COALESCE($3, citizens.district_code)
       RETURNING id, district_code, (xmax = 0) AS created`,
      [openidDigest, newDistrictCode, chosenDistrictCode],
    );
    return { id: row.id, districtCode: row.district_code, created: row.created };
  }

  /** Whether the citizen's account was deleted; null when there is no such citizen. */
  async isDeleted(citizenId: string): Promise<boolean | null> {
    const [row] = await this.dataSource.query<{ deleted: boolean }[]>(
      `SELECT deleted_at IS NOT NULL AS deleted FROM citizens WHERE id = $1`,
      [citizenId],
    );
    return row ? row.deleted : null;
  }
}
