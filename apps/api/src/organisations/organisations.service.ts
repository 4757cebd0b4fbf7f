import { DomainError, ErrorCode, isKnownDistrict, isUnifiedSocialCreditCode } from '@app/domain';
import {
  OrganisationPartnersRepository,
  OrganisationsRepository,
  type OrganisationRecord,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { AdminPrincipal } from '../auth/citizen-principal.js';
import type {
  AddMemberDto,
  MemberEventDto,
  OrganisationDetailDto,
  OrganisationDto,
  OrganisationListQueryDto,
  OrganisationMemberDto,
  RegisterOrganisationDto,
} from './dto/organisation.dto.js';
import type { OrganisationPartnerDto } from './dto/organisation-push.dto.js';
import { memberView, organisationView } from './organisation-view.js';

/** The bureau registers organisations, disables them and names the citizens who act for them. */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly partners: OrganisationPartnersRepository,
  ) {}

  async register(admin: AdminPrincipal, body: RegisterOrganisationDto): Promise<OrganisationDto> {
    if (!isUnifiedSocialCreditCode(body.creditCode)) {
      throw new DomainError(
        ErrorCode.CreditCodeInvalid,
        `${body.creditCode} is not a valid unified social credit code`,
        {
          creditCode: body.creditCode,
        },
      );
    }
    if (!isKnownDistrict(body.districtCode))
      throw new DomainError(ErrorCode.DistrictUnknown, `unknown district ${body.districtCode}`);
    const created = await this.organisations.insert({ ...body, createdBy: admin.adminId });
    if (!created) {
      const existing = await this.organisations.findByCreditCode(body.creditCode);
      throw new DomainError(
        ErrorCode.OrganisationExists,
        `an organisation with ${body.creditCode} is registered`,
        {
          organisationId: existing?.id,
        },
      );
    }
    return organisationView(created);
  }

  async list(query: OrganisationListQueryDto): Promise<OrganisationDto[]> {
    const rows = await this.organisations.list({
      kind: query.kind,
      districtCode: query.district,
      active: query.status === undefined ? undefined : query.status === 'active',
    });
    return rows.map(organisationView);
  }

  async detail(id: string): Promise<OrganisationDetailDto> {
    const organisation = await this.existing(id);
    const members = await this.organisations.members(id);
    return { ...organisationView(organisation), memberList: members.map(memberView) };
  }

  /** Disabling stops new actions for it; what it was credited stays. Disabling twice answers the same. */
  async disable(admin: AdminPrincipal, id: string): Promise<OrganisationDto> {
    await this.existing(id);
    await this.organisations.disable(id, admin.adminId);
    return organisationView(await this.existing(id));
  }

  async addMember(admin: AdminPrincipal, id: string, body: AddMemberDto): Promise<OrganisationMemberDto> {
    const organisation = await this.existing(id);
    if (organisation.disabledAt)
      throw new DomainError(ErrorCode.OrganisationDisabled, `organisation ${id} is disabled`);
    if (!(await this.organisations.citizenExists(body.citizenId)))
      throw new DomainError(ErrorCode.CitizenNotFound, `no citizen ${body.citizenId}`);
    return memberView(
      await this.organisations.upsertMember({
        organisationId: id,
        citizenId: body.citizenId,
        role: body.role,
        addedBy: admin.adminId,
      }),
    );
  }

  /** Removes a member: they can no longer act for it (ORGANISATION_MEMBER_REMOVED); re-adding restores them. */
  async removeMember(admin: AdminPrincipal, id: string, citizenId: string): Promise<OrganisationMemberDto> {
    await this.existing(id);
    const removed = await this.organisations.removeMember(id, citizenId, admin.adminId);
    if (!removed)
      throw new DomainError(ErrorCode.OrganisationMemberNotFound, `${citizenId} is not a member of ${id}`);
    return memberView(removed);
  }

  async memberEvents(id: string): Promise<MemberEventDto[]> {
    await this.existing(id);
    const rows = await this.organisations.memberEvents(id);
    return rows.map((e) => ({ ...e, at: e.at.toISOString() }));
  }

  /** The organisation's consent, given through the bureau: this partner may push its data. */
  async grantPartner(admin: AdminPrincipal, id: string, partnerId: string): Promise<OrganisationPartnerDto> {
    await this.existing(id);
    if (!(await this.partners.partnerExists(partnerId)))
      throw new DomainError(ErrorCode.PartnerNotFound, `no partner ${partnerId}`);
    const { grantedAt } = await this.partners.grant(id, partnerId, admin.adminId);
    return { organisationId: id, partnerId, grantedAt: grantedAt.toISOString() };
  }

  async partnersOf(id: string): Promise<OrganisationPartnerDto[]> {
    await this.existing(id);
    const rows = await this.partners.partnersOf(id);
    return rows.map((r) => ({
      organisationId: id,
      partnerId: r.partnerId,
      grantedAt: r.grantedAt.toISOString(),
    }));
  }

  private async existing(id: string): Promise<OrganisationRecord> {
    const organisation = await this.organisations.find(id);
    if (!organisation) throw new DomainError(ErrorCode.OrganisationNotFound, `no organisation ${id}`);
    return organisation;
  }
}
