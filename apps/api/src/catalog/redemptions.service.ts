import { DomainError, ErrorCode } from '@app/domain';
import { LedgerWriter, accountKey, accountOf, consumeLots, redemptionPosting } from '@app/ledger';
import { IdempotencyStore, RedemptionsRepository, type IdempotentResult } from '@app/persistence';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { canonicalJson, sha256Hex } from '../common/canonical-hash.js';
import { toOrderView, type OrderView } from './order-view.js';

/**
 * A citizen redeems a catalog reward: stock, the per-citizen limit and the points are checked under
 * locks (reward row, then the accounts in id order), the points move to the partner's clearing
 * account, and a signed fulfilment event is queued for the partner's webhook.
 */
@Injectable()
export class RedemptionsService {
  constructor(
    private readonly ledger: LedgerWriter,
    private readonly jobs: JobProducer,
    private readonly idempotency: IdempotencyStore,
    private readonly redemptions: RedemptionsRepository,
  ) {}

  async available() {
    const rewards = await this.redemptions.availableRewards();
    return rewards.map((r) => ({
      rewardId: r.id,
      partnerId: r.partnerId,
      title: r.title,
      points: r.pointsPrice,
      stock: r.stock,
      validTo: r.validTo.toISOString(),
    }));
  }

  async redeem(
    citizen: CitizenPrincipal,
    key: string,
    rewardId: string,
  ): Promise<IdempotentResult<OrderView>> {
    const requestHash = sha256Hex(canonicalJson({ rewardId }));
    let deliveryId = '';
    const result = await this.idempotency.run(
      `citizen:${citizen.citizenId}:redemptions`,
      key,
      requestHash,
      async (m) => {
        const reward = await this.redemptions.lockReward(m, rewardId);
        if (!reward) throw new DomainError(ErrorCode.RewardNotFound, 'no such reward');
        const now = Date.now();
        if (!reward.active || reward.validFrom.getTime() > now || reward.validTo.getTime() <= now) {
          throw new DomainError(ErrorCode.RewardUnavailable, 'this reward is not available now');
        }
        if (reward.stock <= 0) throw new DomainError(ErrorCode.OutOfStock, 'this reward is out of stock');
        const partner = await this.redemptions.partnerState(m, reward.partnerId);
        if (partner.disabled)
          throw new DomainError(ErrorCode.RewardUnavailable, 'this reward is not available now');
        const taken = await this.redemptions.countTaken(m, reward.id, citizen.citizenId);
        if (taken >= reward.perCitizenLimit) {
          throw new DomainError(ErrorCode.LimitReached, `at most ${reward.perCitizenLimit} per citizen`, {
            limit: reward.perCitizenLimit,
          });
        }
        const price = BigInt(reward.pointsPrice);
        const spending = accountOf.citizenPoints(citizen.citizenId);
        const balances = await this.ledger.lockForSpending(m, [
          spending,
          accountOf.partnerClearing(reward.partnerId),
        ]);
        const available = balances.get(accountKey(spending)) ?? 0n;
        if (available < price) {
          throw new DomainError(
            ErrorCode.InsufficientPoints,
            `${available} points available, ${price} needed`,
            { available: available.toString() },
          );
        }
        await this.redemptions.takeOneFromStock(m, reward.id);
        const order = await this.redemptions.insertPendingOrder(m, {
          rewardId: reward.id,
          citizenId: citizen.citizenId,
          partnerId: reward.partnerId,
          points: price,
          key,
          requestHash,
        });
        await this.ledger.post(m, [
          redemptionPosting({
            orderId: order.id,
            citizenId: citizen.citizenId,
            partnerId: reward.partnerId,
            points: price,
          }),
        ]);
        await consumeLots(m, citizen.citizenId, price);
        const partnerCitizenId = await this.redemptions.partnerCitizenId(
          m,
          citizen.citizenId,
          reward.partnerId,
        );
        // No webhook URL, no delivery: the order waits for the partner to answer it through
        // /partner/v1/orders/:id/fulfil|fail (the citizen shows it at the counter) or for an admin.
        if (partner.webhookUrl) {
          deliveryId = await this.redemptions.insertOrderCreatedDelivery(m, reward.partnerId, order.id, {
            orderId: order.id,
            rewardId: reward.id,
            title: reward.title,
            points: price.toString(),
            partnerCitizenId,
            createdAt: order.created_at.toISOString(),
          });
        }
        return { statusCode: 201, body: toOrderView(order) };
      },
      {
        reused: () =>
          new DomainError(
            ErrorCode.IdempotencyKeyReused,
            'this Idempotency-Key was used for another redemption',
          ),
      },
    );
    if (deliveryId && !result.replayed) await this.jobs.webhookDeliveries([deliveryId]);
    return result;
  }

  async mine(citizen: CitizenPrincipal): Promise<OrderView[]> {
    return (await this.redemptions.ordersOfCitizen(citizen.citizenId)).map(toOrderView);
  }

  async one(citizen: CitizenPrincipal, orderId: string): Promise<OrderView> {
    const row = await this.redemptions.orderOfCitizen(citizen.citizenId, orderId);
    if (!row) throw new DomainError(ErrorCode.OrderNotFound, 'no such order');
    return toOrderView(row);
  }
}
