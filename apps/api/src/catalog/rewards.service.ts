import type { NewReward, RewardView } from '@app/contracts';
import { DomainError, ErrorCode } from '@app/domain';
import { LedgerWriter, resolveOrder } from '@app/ledger';
import {
  OrderAdminRepository,
  PartnerDirectoryRepository,
  RewardAdminRepository,
  type StoredReward,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { instantOf } from '../common/instants.js';
import { toOrderView } from './order-view.js';

const LIST_LIMIT = 500;

const rewardView = (r: StoredReward): RewardView => ({
  rewardId: r.id,
  partnerId: r.partnerId,
  title: r.title,
  points: r.pointsPrice,
  stock: r.stock,
  perCitizenLimit: r.perCitizenLimit,
  validFrom: r.validFrom.toISOString(),
  validTo: r.validTo.toISOString(),
  active: r.active,
});

/** The admin side of the catalog: rewards and orders (cancel = refund once). */
@Injectable()
export class RewardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
    private readonly rewards: RewardAdminRepository,
    private readonly orderRows: OrderAdminRepository,
    private readonly partners: PartnerDirectoryRepository,
  ) {}

  async list() {
    return (await this.rewards.list(LIST_LIMIT)).map(rewardView);
  }

  async create(input: NewReward) {
    const mayRedeem = await this.partners.mayRedeem(input.partnerId);
    if (mayRedeem === null) throw new DomainError(ErrorCode.PartnerNotFound, `no partner ${input.partnerId}`);
    if (!mayRedeem)
      throw new DomainError(ErrorCode.RedemptionNotAllowed, `${input.partnerId} is not a redemption channel`);
    const validFrom = instantOf('validFrom', input.validFrom);
    const validTo = instantOf('validTo', input.validTo);
    if (validTo <= validFrom)
      throw new DomainError(ErrorCode.ValidationFailed, 'validTo must be after validFrom');
    const reward = await this.rewards.insert({
      partnerId: input.partnerId,
      title: input.title,
      pointsPrice: input.points,
      stock: input.stock,
      perCitizenLimit: input.perCitizenLimit,
      validFrom,
      validTo,
    });
    return rewardView(reward);
  }

  async update(rewardId: string, patch: { stock?: number; active?: boolean }) {
    const reward = await this.rewards.update(rewardId, patch);
    if (!reward) throw new DomainError(ErrorCode.RewardNotFound, 'no such reward');
    return rewardView(reward);
  }

  async orders(status?: string) {
    return (await this.orderRows.list(status ?? null, LIST_LIMIT)).map(toOrderView);
  }

  async cancel(orderId: string, reason: string) {
    return toOrderView(
      await this.dataSource.transaction((m) =>
        resolveOrder(m, this.ledger, orderId, { kind: 'cancel', reason }),
      ),
    );
  }
}
