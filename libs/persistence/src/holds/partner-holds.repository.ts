import type { HoldRow } from '@app/ledger';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a partner's holds read besides the ledger's own hold functions: rights, bindings, its holds. */
@Injectable()
export class PartnerHoldsRepository {
  async partnerMayRedeem(manager: EntityManager, partnerId: string): Promise<boolean> {
    const [row] = await manager.query<{ may_redeem: boolean }[]>(
      `SELECT may_redeem FROM partners WHERE id = $1`,
      [partnerId],
    );
    return row?.may_redeem ?? false;
  }

  /** The citizen behind an active binding of this partner, or undefined. */
  async boundCitizenId(
    manager: EntityManager,
    partnerId: string,
    partnerCitizenId: string,
  ): Promise<string | undefined> {
    const [row] = await manager.query<{ citizen_id: string }[]>(
      `SELECT citizen_id FROM bindings WHERE partner_id = $1 AND partner_citizen_id = $2 AND status = 'active'`,
      [partnerId, partnerCitizenId],
    );
    return row?.citizen_id;
  }

  async findOfPartner(
    manager: EntityManager,
    partnerId: string,
    holdId: string,
  ): Promise<HoldRow | undefined> {
    const [hold] = await manager.query<HoldRow[]>(`SELECT * FROM holds WHERE id = $1 AND partner_id = $2`, [
      holdId,
      partnerId,
    ]);
    return hold;
  }

  /** The partner-scoped citizen id of the hold's citizen (the latest binding's), or ''. */
  async partnerCitizenIdOf(manager: EntityManager, partnerId: string, holdId: string): Promise<string> {
    const [row] = await manager.query<{ partner_citizen_id: string }[]>(
      `SELECT b.partner_citizen_id FROM holds h JOIN bindings b ON b.citizen_id = h.citizen_id AND b.partner_id = h.partner_id
       WHERE h.id = $1 AND h.partner_id = $2 AND b.partner_citizen_id IS NOT NULL ORDER BY b.activated_at DESC LIMIT 1`,
      [holdId, partnerId],
    );
    return row?.partner_citizen_id ?? '';
  }
}
