export interface CampaignView {
  id: string;
  name: string;
  /** null: every district. */
  regionScope: string[] | null;
  /** null: every methodology. */
  methodologies: string[] | null;
  startsAt: string;
  endsAt: string;
  /** A decimal string, 1 to 10. */
  multiplier: string;
  cancelledAt: string | null;
}
