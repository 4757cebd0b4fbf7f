/** The admin partner routes (apps/api/src/admin/partners) as the console calls them. */
import { get, post } from '../api';
import type {
  NewPartner,
  PartnerKeyView as PartnerKey,
  PartnerView as Partner,
} from '../../../../libs/contracts/src/partners';

export type { NewPartner, PartnerKey, Partner };

/** The only answer that ever carries the secret: it is stored encrypted and never shown again. */
export interface IssuedKey {
  partnerId: string;
  keyId: string;
  secret: string;
}

export const PARTNER_KIND_LABELS: Record<string, string> = {
  'data-provider': '数据提供方',
  'redemption-channel': '兑换渠道',
};

/** The API allows two active keys: the old and the new one while a partner switches over. */
export const MAX_ACTIVE_KEYS = 2;

export const activeKeys = (partner: Partner): PartnerKey[] => partner.keys.filter((key) => !key.revokedAt);

export const partnersApi = {
  list: () => get<Partner[]>('/admin/v1/partners'),
  create: (body: NewPartner) => post<Partner>('/admin/v1/partners', body),
  issueKey: (partnerId: string) =>
    post<IssuedKey>(`/admin/v1/partners/${encodeURIComponent(partnerId)}/keys`),
  revokeKey: (partnerId: string, keyId: string) =>
    post<{ keyId: string; revokedAt: string }>(
      `/admin/v1/partners/${encodeURIComponent(partnerId)}/keys/${encodeURIComponent(keyId)}/revoke`,
    ),
};
