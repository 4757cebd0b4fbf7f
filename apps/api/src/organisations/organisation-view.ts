import { DISTRICTS } from '@app/domain';
import type { OrganisationMemberRecord, OrganisationRecord } from '@app/persistence';
import type { OrganisationDto, OrganisationMemberDto } from './dto/organisation.dto.js';

export const organisationView = (o: OrganisationRecord): OrganisationDto => ({
  id: o.id,
  name: o.name,
  creditCode: o.creditCode,
  districtCode: o.districtCode,
  districtName: DISTRICTS[o.districtCode] ?? null,
  kind: o.kind,
  status: o.disabledAt ? 'disabled' : 'active',
  members: o.members,
  createdAt: o.createdAt.toISOString(),
  disabledAt: o.disabledAt?.toISOString() ?? null,
});

export const memberView = (m: OrganisationMemberRecord): OrganisationMemberDto => ({
  organisationId: m.organisationId,
  citizenId: m.citizenId,
  role: m.role,
  addedAt: m.addedAt.toISOString(),
  removedAt: m.removedAt?.toISOString() ?? null,
});
