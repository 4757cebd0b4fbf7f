export interface PartnerKeyView {
  keyId: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface PartnerView {
  id: string;
  displayName: string;
  kinds: string[];
  methodologies: string[];
  mayRedeem: boolean;
  webhookUrl: string | null;
  createdAt: string;
  disabledAt: string | null;
  keys: PartnerKeyView[];
}

export interface NewPartner {
  id: string;
  displayName: string;
  kinds: string[];
  methodologies?: string[];
  mayRedeem?: boolean;
  webhookUrl?: string;
}
