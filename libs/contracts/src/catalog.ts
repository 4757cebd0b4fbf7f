export interface RewardView {
  rewardId: string;
  partnerId: string;
  title: string;
  /** Price in 积分, an integer string. */
  points: string;
  stock: number;
  perCitizenLimit: number;
  validFrom: string;
  validTo: string;
  active: boolean;
}

export type NewReward = Omit<RewardView, 'rewardId' | 'active'>;
