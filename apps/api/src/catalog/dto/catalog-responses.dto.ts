import { ApiProperty } from '@nestjs/swagger';
import { amount, instant, nullableInstant } from '../../common/response-types.js';

const ORDER_STATUSES = ['pending', 'fulfilled', 'failed', 'cancelled'];

/** A reward as citizens see it: available now, in stock. */
export class AvailableRewardDto {
  @ApiProperty({ format: 'uuid' }) rewardId!: string;
  @ApiProperty({ example: 'metro-app' }) partnerId!: string;
  @ApiProperty({ example: '地铁单程票' }) title!: string;
  @ApiProperty(amount('price in points', '500')) points!: string;
  @ApiProperty({ type: 'integer' }) stock!: number;
  @ApiProperty(instant()) validTo!: string;
}

/** A reward as the bureau manages it. */
export class RewardDto {
  @ApiProperty({ format: 'uuid' }) rewardId!: string;
  @ApiProperty({ example: 'metro-app' }) partnerId!: string;
  @ApiProperty({ example: '地铁单程票' }) title!: string;
  @ApiProperty(amount('price in points', '500')) points!: string;
  @ApiProperty({ type: 'integer' }) stock!: number;
  @ApiProperty({ type: 'integer' }) perCitizenLimit!: number;
  @ApiProperty(instant()) validFrom!: string;
  @ApiProperty(instant()) validTo!: string;
  @ApiProperty() active!: boolean;
}

export class OrderDto {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ format: 'uuid' }) rewardId!: string;
  @ApiProperty({ example: 'metro-app' }) partnerId!: string;
  @ApiProperty(amount('points spent', '500')) points!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'set once the partner fulfils the order' })
  couponCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why the order failed or was cancelled' })
  failureReason!: string | null;
  @ApiProperty(instant()) createdAt!: string;
  @ApiProperty(nullableInstant()) resolvedAt!: string | null;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) deliveryId!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orderId!: string | null;
  @ApiProperty({ example: 'order.created' }) eventType!: string;
  @ApiProperty({ example: 'parked', description: 'pending, delivered or parked' }) status!: string;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty(instant()) createdAt!: string;
  @ApiProperty(nullableInstant()) deliveredAt!: string | null;
  @ApiProperty(nullableInstant()) parkedAt!: string | null;
}

export class RedrivenDeliveryDto {
  @ApiProperty({ format: 'uuid' }) deliveryId!: string;
  @ApiProperty({ enum: ['pending'] }) status!: string;
}
