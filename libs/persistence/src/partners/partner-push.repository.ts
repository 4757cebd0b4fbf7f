import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** An active binding a pushed item names, with the district of the citizen behind it. */
export interface PushBinding {
  partnerCitizenId: string;
  citizenId: string;
  districtCode: string;
}

/** What a partner's push reads about the partner: the methodologies it may push, its bindings. */
@Injectable()
export class PartnerPushRepository {
  /** The methodologies the partner may push, or undefined if there is no such partner. */
  async methodologies(manager: EntityManager, partnerId: string): Promise<string[] | undefined> {
    const [row] = await manager.query<{ methodologies: string[] }[]>(
      `SELECT methodologies FROM partners WHERE id = $1`,
      [partnerId],
    );
    return row?.methodologies;
  }

  async activeBindings(
    manager: EntityManager,
    partnerId: string,
    partnerCitizenIds: string[],
  ): Promise<Map<string, PushBinding>> {
    const rows = await manager.query<
      { partner_citizen_id: string; citizen_id: string; district_code: string }[]
    >(
      `SELECT b.partner_citizen_id, b.citizen_id, c.district_code FROM bindings b JOIN citizens c ON c.id = b.citizen_id
       WHERE b.partner_id = $1 AND b.status = 'active' AND b.partner_citizen_id = ANY($2::text[])`,
      [partnerId, partnerCitizenIds],
    );
    return new Map(
      rows.map((b) => [
        b.partner_citizen_id,
        { partnerCitizenId: b.partner_citizen_id, citizenId: b.citizen_id, districtCode: b.district_code },
      ]),
    );
  }
}
