import { DomainError, ErrorCode, SELF_REPORTED } from '@app/domain';
import { assessAction } from '@app/methodologies';
import { ActionIntakeRepository, MethodologyCatalog, type IdempotentResult } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import type { ActionAcceptedDto, ActionViewDto, SubmitActionDto } from './dto/submit-action.dto.js';
import { ActionIntakeBatcher } from './action-intake-batcher.js';
import { actionRequestHash, KeyedActionIntake } from './keyed-action-intake.js';

// Devices' clocks drift; an action may end at most this far in the future.
const CLOCK_SKEW_MS = 5 * 60_000;

@Injectable()
export class ActionsService {
  constructor(
    private readonly catalog: MethodologyCatalog,
    private readonly intake: ActionIntakeRepository,
    private readonly keyed: KeyedActionIntake,
    private readonly batcher: ActionIntakeBatcher,
  ) {}

  /** Validates, checks plausibility, and records the action; the worker quantifies and settles it. */
  async submit(
    citizen: CitizenPrincipal,
    idempotencyKey: string,
    body: SubmitActionDto,
  ): Promise<IdempotentResult<ActionAcceptedDto>> {
    const snapshot = await this.catalog.get();
    const assessment = assessAction(
      { versions: snapshot.versions, factors: snapshot.factors, availableIds: snapshot.methodologyIds },
      body.methodology,
      body.data,
      citizen.districtCode,
    );
    switch (assessment.kind) {
      case 'unknown-methodology':
        throw new DomainError(ErrorCode.MethodologyUnknown, `unknown methodology ${body.methodology}`, {
          known: assessment.known,
        });
      case 'invalid-input':
        throw new DomainError(
          ErrorCode.ValidationFailed,
          assessment.issues.map((i) => `${i.field}: ${i.problem}`).join('; '),
          { fields: assessment.issues },
        );
      case 'not-in-force':
        throw new DomainError(
          ErrorCode.MethodologyNotInForce,
          `no ${body.methodology} version is in force for district ${citizen.districtCode} at ${assessment.occurredAt.toISOString()}`,
        );
      case 'rejected':
        throw new DomainError(assessment.reason, assessment.message, {
          ...assessment.details,
          methodologyVersion: assessment.version.version,
        });
    }
    if (!assessment.policy.selfReported.accepted) {
      throw new DomainError(
        ErrorCode.SelfReportNotAccepted,
        `${body.methodology} only accepts data pushed by a verified partner`,
      );
    }
    const latestInstant = assessment.interval?.end ?? assessment.occurredAt;
    if (latestInstant.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw new DomainError(ErrorCode.ActionInFuture, 'the action ends in the future', {
        endsAt: latestInstant.toISOString(),
      });
    }

    const scope = `citizen:${citizen.citizenId}`;
    const requestHash = actionRequestHash(body);
    const action = {
      citizenId: citizen.citizenId,
      districtCode: citizen.districtCode,
      methodologyId: body.methodology,
      idempotencyKey,
      requestHash,
      data: body.data,
      evidence: body.evidence ?? null,
      occurredAt: assessment.occurredAt,
      interval: assessment.interval ?? null,
    };
    return this.keyed.receive({
      scope,
      key: idempotencyKey,
      requestHash,
      batched: () =>
        this.batcher.insert({ ...action, scope, source: SELF_REPORTED, recordScope: `${scope}:actions` }),
      insert: (manager) => this.intake.insertUnlessKeyed(manager, scope, SELF_REPORTED, action),
      existing: async (manager) =>
        (await this.intake.findByKeys(manager, scope, [idempotencyKey])).get(idempotencyKey)!,
    });
  }

  async findOwn(citizen: CitizenPrincipal, id: string): Promise<ActionViewDto> {
    const row = await this.intake.findOfCitizen(citizen.citizenId, id);
    if (!row) throw new DomainError(ErrorCode.ActionNotFound, 'no such action');
    return {
      id: row.id,
      methodology: row.methodologyId,
      methodologyVersion: row.version,
      status: row.status,
      reasonCode: row.reasonCode,
      requestedGrams: row.requestedGrams,
      grams: row.grams,
      capApplied: row.capApplied,
      points: row.points,
      occurredAt: row.occurredAt.toISOString(),
      receivedAt: row.receivedAt.toISOString(),
      settledAt: row.settledAt ? row.settledAt.toISOString() : null,
      data: row.payload,
    };
  }
}
