import { DomainError, ErrorCode, SELF_REPORTED } from '@app/domain';
import { assessAction } from '@app/methodologies';
import { MethodologyCatalog } from '@app/persistence';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { canonicalJson, sha256Hex } from '../common/canonical-hash.js';
import type { ActionAcceptedDto, ActionViewDto, SubmitActionDto } from './dto/submit-action.dto.js';

// Devices' clocks drift; an action may end at most this far in the future.
const CLOCK_SKEW_MS = 5 * 60_000;

@Injectable()
export class ActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: MethodologyCatalog,
    private readonly jobs: JobProducer,
  ) {}

  /** Validates, checks plausibility, and records the action; the worker quantifies and settles it. */
  async submit(
    citizen: CitizenPrincipal,
    idempotencyKey: string,
    body: SubmitActionDto,
  ): Promise<ActionAcceptedDto> {
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
    const requestHash = sha256Hex(
      canonicalJson({ methodology: body.methodology, data: body.data, evidence: body.evidence ?? null }),
    );
    const inserted = await this.dataSource.query<{ id: string; status: string }[]>(
      `INSERT INTO actions (citizen_id, district_code, methodology_id, source, idempotency_scope, idempotency_key,
                            request_hash, payload, evidence, occurred_at, interval_start, interval_end)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (idempotency_scope, idempotency_key) DO NOTHING
       RETURNING id, status`,
      [
        citizen.citizenId,
        citizen.districtCode,
        body.methodology,
        SELF_REPORTED,
        scope,
        idempotencyKey,
        requestHash,
        JSON.stringify(body.data),
        body.evidence ? JSON.stringify(body.evidence) : null,
        assessment.occurredAt,
        assessment.interval?.start ?? null,
        assessment.interval?.end ?? null,
      ],
    );
    if (inserted.length) {
      this.jobs.notifyActionReceived(inserted[0].id);
      return { id: inserted[0].id, status: inserted[0].status };
    }

    const [existing] = await this.dataSource.query<{ id: string; status: string; request_hash: string }[]>(
      `SELECT id, status, request_hash FROM actions WHERE idempotency_scope = $1 AND idempotency_key = $2`,
      [scope, idempotencyKey],
    );
    if (existing.request_hash !== requestHash) {
      throw new DomainError(
        ErrorCode.IdempotencyKeyReused,
        'this Idempotency-Key was used with a different body',
        { actionId: existing.id },
      );
    }
    return { id: existing.id, status: existing.status };
  }

  async findOwn(citizen: CitizenPrincipal, id: string): Promise<ActionViewDto> {
    const notFound = new DomainError(ErrorCode.ActionNotFound, 'no such action');
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT a.id, a.methodology_id, v.version, a.status, a.reason_code, a.requested_grams, a.grams, a.points, a.cap_applied,
              a.occurred_at, a.received_at, a.settled_at, a.payload
       FROM actions a LEFT JOIN methodology_versions v ON v.id = a.methodology_version_id
       WHERE a.id = $1 AND a.citizen_id = $2`,
      [id, citizen.citizenId],
    );
    if (!row) throw notFound;
    return {
      id: row.id as string,
      methodology: row.methodology_id as string,
      methodologyVersion: (row.version as number | null) ?? null,
      status: row.status as string,
      reasonCode: (row.reason_code as string | null) ?? null,
      requestedGrams: (row.requested_grams as string | null) ?? null,
      grams: (row.grams as string | null) ?? null,
      capApplied: (row.cap_applied as string | null) ?? null,
      points: (row.points as string | null) ?? null,
      occurredAt: (row.occurred_at as Date).toISOString(),
      receivedAt: (row.received_at as Date).toISOString(),
      settledAt: row.settled_at ? (row.settled_at as Date).toISOString() : null,
      data: row.payload as Record<string, unknown>,
    };
  }
}
