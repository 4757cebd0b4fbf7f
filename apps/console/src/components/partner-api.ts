/** The admin partner routes (apps/api/src/admin/partners) as the console calls them, typed from the OpenAPI document. */
import { typed, unwrap, type Schema } from '../api';

export type Partner = Schema<'PartnerDto'>;
export type PartnerKey = Schema<'PartnerKeyDto'>;
export type NewPartner = Schema<'CreatePartnerDto'>;
/** The only answer that ever carries the secret: it is stored encrypted and never shown again. */
export type IssuedKey = Schema<'IssuedKeyDto'>;

export const PARTNER_KIND_LABELS: Record<string, string> = {
  'data-provider': '数据提供方',
  'redemption-channel': '兑换渠道',
};

/** The API allows two active keys: the old and the new one while a partner switches over. */
export const MAX_ACTIVE_KEYS = 2;

export const activeKeys = (partner: Partner): PartnerKey[] => partner.keys.filter((key) => !key.revokedAt);

export const partnersApi = {
  list: () => unwrap(typed.GET('/admin/v1/partners')),
  create: (body: NewPartner) => unwrap(typed.POST('/admin/v1/partners', { body })),
  issueKey: (partnerId: string) =>
    unwrap(typed.POST('/admin/v1/partners/{id}/keys', { params: { path: { id: partnerId } } })),
  revokeKey: (partnerId: string, keyId: string) =>
    unwrap(
      typed.POST('/admin/v1/partners/{id}/keys/{keyId}/revoke', {
        params: { path: { id: partnerId, keyId } },
      }),
    ),
};
