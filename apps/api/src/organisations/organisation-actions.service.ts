import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode, isOrganisationMethodology, SELF_REPORTED } from '@app/domain';
import { AccountKind } from '@app/ledger';
import { assessAction } from '@app/methodologies';
import {
  type IdempotentResult,
  MethodologyCatalog,
  OrganisationActionsRepository,
  OrganisationsRepository,
  type OrganisationRecord,
} from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { ActionAcceptedDto, SubmitActionDto } from '../actions/dto/submit-action.dto.js';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { ActionIntakeBatcher } from '../actions/action-intake-batcher.js';
import { actionRequestHash, KeyedActionIntake } from '../actions/keyed-action-intake.js';
import type { OrganisationActionDto, OrganisationRecordDto } from './dto/organisation-action.dto.js';
import type { MembershipDto } from './dto/organisation.dto.js';
import { refusalOf, type Quantified } from './assessment-refusal.js';
import { organisationView } from './organisation-view.js';

export const ORGANISATION_ACTIONS_LIMIT = 200;

/**
 * What a member does for an organisation: submit its installations' actions (the same methodologies
 * and pipeline as citizens'; the worker credits the organisation, not the member) and read its record.
 * A citizen who is not a member is told the organisation does not exist.
 */
@Injectable()
export class OrganisationActionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly organisations: OrganisationsRepository,
    private readonly actions: OrganisationActionsRepository,
    private readonly catalog: MethodologyCatalog,
    private readonly keyed: KeyedActionIntake,
    private readonly batcher: ActionIntakeBatcher,
  ) {}

  async memberships(citizen: CitizenPrincipal): Promise<MembershipDto[]> {
    const rows = await this.organisations.membershipsOf(citizen.citizenId);
    return rows.map((m) => ({ organisation: organisationView(m.organisation), role: m.role }));
  }

  async submit(
    citizen: CitizenPrincipal,
    organisationId: string,
    idempotencyKey: string,
    body: SubmitActionDto,
  ): Promise<IdempotentResult<ActionAcceptedDto>> {
    const organisation = await this.ofMember(citizen, organisationId);
    if (organisation.disabledAt)
      throw new DomainError(ErrorCode.OrganisationDisabled, `organisation ${organisationId} is disabled`);
    if (!isOrganisationMethodology(body.methodology)) {
      throw new DomainError(
        ErrorCode.OrganisationMethodologyNotAllowed,
        `an organisation cannot submit ${body.methodology}`,
        { methodology: body.methodology },
      );
    }
    const assessment = await this.assess(body, organisation.districtCode);
    const scope = `organisation:${organisation.id}`;
    const requestHash = actionRequestHash(body);
    return this.keyed.receive({
      scope,
      key: idempotencyKey,
      requestHash,
      batched: () =>
        this.batcher.insert({
          citizenId: null,
          organisationId: organisation.id,
          submittedBy: citizen.citizenId,
          districtCode: organisation.districtCode,
          methodologyId: body.methodology,
          idempotencyKey,
          requestHash,
          data: body.data,
          evidence: body.evidence ?? null,
          occurredAt: assessment.occurredAt,
          interval: assessment.interval ?? null,
          scope,
          source: SELF_REPORTED,
          recordScope: `${scope}:actions`,
        }),
      insert: (manager) =>
        this.actions.insert(manager, {
          organisationId: organisation.id,
          submittedBy: citizen.citizenId,
          districtCode: organisation.districtCode,
          methodologyId: body.methodology,
          source: SELF_REPORTED,
          idempotencyScope: scope,
          idempotencyKey,
          requestHash,
          payload: body.data,
          evidence: body.evidence ? { ...body.evidence } : null,
          occurredAt: assessment.occurredAt,
          intervalStart: assessment.interval?.start ?? null,
          intervalEnd: assessment.interval?.end ?? null,
        }),
      existing: async (manager) => (await this.actions.byKey(manager, scope, idempotencyKey))!,
    });
  }

  async list(citizen: CitizenPrincipal, organisationId: string): Promise<OrganisationActionDto[]> {
    const organisation = await this.ofMember(citizen, organisationId);
    const rows = await this.actions.list(organisation.id, ORGANISATION_ACTIONS_LIMIT);
    return rows.map((r) => ({
      id: r.id,
      methodology: r.methodologyId,
      methodologyVersion: r.methodologyVersion,
      status: r.status,
      reasonCode: r.reasonCode,
      grams: r.status === 'settled' ? r.grams : null,
      points: r.status === 'settled' ? r.points : null,
      submittedBy: r.submittedBy,
      source: r.source,
      occurredAt: r.occurredAt.toISOString(),
      receivedAt: r.receivedAt.toISOString(),
      settledAt: r.settledAt?.toISOString() ?? null,
    }));
  }

  async record(citizen: CitizenPrincipal, organisationId: string): Promise<OrganisationRecordDto> {
    const organisation = await this.ofMember(citizen, organisationId);
    const [carbon, points, entries] = await Promise.all([
      this.actions.balance(AccountKind.OrganisationCarbon, organisation.id),
      this.actions.balance(AccountKind.OrganisationPoints, organisation.id),
      this.actions.entries(AccountKind.OrganisationCarbon, organisation.id, 50),
    ]);
    return {
      organisationId: organisation.id,
      name: organisation.name,
      carbonGrams: carbon.toString(),
      points: points.toString(),
      pointsSetting: this.config.organisations.points,
      entries: entries.map((e) => ({
        postingId: e.postingId,
        reason: e.reason,
        causeId: e.causeId,
        grams: e.amount,
        balanceAfter: e.balanceAfter,
        at: e.at.toISOString(),
      })),
    };
  }

  /**
   * The organisation, when the citizen is one of its members. Someone who never was is told it does
   * not exist; a removed member is told they were removed (they knew it existed).
   */
  async ofMember(citizen: CitizenPrincipal, organisationId: string): Promise<OrganisationRecord> {
    const membership = await this.organisations.membershipOf(organisationId, citizen.citizenId);
    const organisation = membership ? await this.organisations.find(organisationId) : undefined;
    if (!organisation)
      throw new DomainError(ErrorCode.OrganisationNotFound, `no organisation ${organisationId}`);
    if (membership!.removed)
      throw new DomainError(
        ErrorCode.OrganisationMemberRemoved,
        `removed from organisation ${organisationId}`,
      );
    return organisation;
  }

  /** The methodology's own checks, for the organisation's district, as a citizen's submission gets them. */
  private async assess(body: SubmitActionDto, districtCode: string): Promise<Quantified> {
    const snapshot = await this.catalog.get();
    const assessment = assessAction(
      { versions: snapshot.versions, factors: snapshot.factors, availableIds: snapshot.methodologyIds },
      body.methodology,
      body.data,
      districtCode,
    );
    const refusal = refusalOf(assessment, body.methodology, districtCode);
    if (refusal) throw new DomainError(refusal.code, refusal.message, refusal.details);
    const quantified = assessment as Quantified;
    if (!quantified.policy.selfReported.accepted) {
      throw new DomainError(ErrorCode.SelfReportNotAccepted, `${body.methodology} only accepts partner data`);
    }
    return quantified;
  }
}
