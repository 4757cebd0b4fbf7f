import { DomainError, ErrorCode, isOrganisationMethodology } from '@app/domain';
import { assessAction } from '@app/methodologies';
import {
  MethodologyCatalog,
  OrganisationPartnersRepository,
  type PushedOrganisationRow,
  type PushTarget,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canonicalJson, sha256Hex } from '../common/canonical-hash.js';
import type { PushItemResultDto } from '../partners/dto/push.dto.js';
import { refusalOf, type Quantified } from './assessment-refusal.js';
import type { PushedOrganisationActionDto } from './dto/organisation-push.dto.js';

/**
 * Verified data a partner pushes for organisations, named by their 统一社会信用代码: item by item
 * accepted, a duplicate, or rejected with a code, as citizens' pushes are. The partner must have
 * been granted the organisation by the bureau; an organisation it may not push for is answered as
 * unknown. A pushed action's subject is the organisation alone: no member submitted it.
 */
@Injectable()
export class OrganisationPushService {
  constructor(
    private readonly catalog: MethodologyCatalog,
    private readonly partners: OrganisationPartnersRepository,
  ) {}

  async push(
    manager: EntityManager,
    partnerId: string,
    items: PushedOrganisationActionDto[],
  ): Promise<{ results: PushItemResultDto[]; acceptedIds: string[] }> {
    const methodologies = await this.partners.partnerMethodologies(manager, partnerId);
    if (!methodologies) throw new DomainError(ErrorCode.PartnerNotFound, 'no such partner');
    const targets = new Map(
      (await this.partners.targets(manager, partnerId, [...new Set(items.map((i) => i.creditCode))])).map(
        (t) => [t.creditCode, t],
      ),
    );
    const snapshot = await this.catalog.get();
    const context = {
      versions: snapshot.versions,
      factors: snapshot.factors,
      availableIds: snapshot.methodologyIds,
    };
    const results: PushItemResultDto[] = new Array(items.length);
    const accepted: { index: number; row: PushedOrganisationRow }[] = [];
    const seen = new Set<string>();

    items.forEach((item, index) => {
      const reject = (code: string, message: string) =>
        (results[index] = { eventId: item.eventId, status: 'rejected', code, message });
      if (seen.has(item.eventId))
        return reject('DUPLICATE_IN_BATCH', 'the same eventId appears earlier in this batch');
      seen.add(item.eventId);
      const target = targets.get(item.creditCode);
      const problem = this.targetProblem(target);
      if (problem) return reject(problem.code, problem.message);
      if (!isOrganisationMethodology(item.methodology))
        return reject(
          ErrorCode.OrganisationMethodologyNotAllowed,
          `an organisation cannot submit ${item.methodology}`,
        );
      if (!methodologies.includes(item.methodology))
        return reject('METHODOLOGY_NOT_ALLOWED', `this partner may not push ${item.methodology}`);
      const assessment = assessAction(context, item.methodology, item.data, target!.districtCode);
      const refusal = refusalOf(assessment, item.methodology, target!.districtCode);
      if (refusal) return reject(refusal.code, refusal.message);
      const quantified = assessment as Quantified;
      accepted.push({
        index,
        row: {
          organisationId: target!.organisationId,
          districtCode: target!.districtCode,
          methodologyId: item.methodology,
          eventId: item.eventId,
          requestHash: sha256Hex(
            canonicalJson({
              methodology: item.methodology,
              data: item.data,
              evidence: item.evidence ?? null,
              organisation: item.creditCode,
            }),
          ),
          payload: item.data,
          evidence: item.evidence ?? null,
          occurredAt: quantified.occurredAt,
          intervalStart: quantified.interval?.start ?? null,
          intervalEnd: quantified.interval?.end ?? null,
        },
      });
    });

    const scope = `partner:${partnerId}`;
    const created = await this.partners.insertPushed(
      manager,
      scope,
      accepted.map((a) => a.row),
    );
    const before = await this.partners.earlier(
      manager,
      scope,
      accepted.filter((a) => !created.has(a.row.eventId)).map((a) => a.row.eventId),
    );
    for (const { index, row } of accepted) {
      const id = created.get(row.eventId);
      if (id) {
        results[index] = { eventId: row.eventId, status: 'accepted', actionId: id };
        continue;
      }
      const earlier = before.get(row.eventId)!;
      results[index] =
        earlier.requestHash === row.requestHash
          ? { eventId: row.eventId, status: 'duplicate', actionId: earlier.id }
          : {
              eventId: row.eventId,
              status: 'rejected',
              code: 'EVENT_ID_REUSED',
              message: 'this eventId was pushed before with other data',
            };
    }
    return { results, acceptedIds: [...created.values()] };
  }

  private targetProblem(target: PushTarget | undefined): { code: ErrorCode; message: string } | undefined {
    if (!target?.authorised)
      return {
        code: ErrorCode.OrganisationNotFound,
        message: 'no organisation with this credit code for this partner',
      };
    if (target.disabled)
      return { code: ErrorCode.OrganisationDisabled, message: 'the organisation is disabled' };
    return undefined;
  }
}
