import { DomainError, ErrorCode } from '@app/domain';
import { assessAction } from '@app/methodologies';
import { MethodologyCatalog } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canonicalJson, sha256Hex } from '../common/canonical-hash.js';
import type { PushedActionDto, PushItemResultDto } from './dto/push.dto.js';

const CLOCK_SKEW_MS = 5 * 60_000;

interface Accepted {
  item: PushedActionDto;
  index: number;
  citizenId: string;
  district: string;
  hash: string;
  occurredAt: Date;
  interval: { start: Date; end: Date } | null;
}

/**
 * Verified data pushed by a partner, item by item: each is accepted, a duplicate of an event the
 * partner pushed before, or rejected with a code. An item is one row, so it is never half-written.
 */
@Injectable()
export class PushService {
  constructor(private readonly catalog: MethodologyCatalog) {}

  async push(
    manager: EntityManager,
    partnerId: string,
    items: PushedActionDto[],
  ): Promise<{ results: PushItemResultDto[]; acceptedIds: string[] }> {
    const [partner] = await manager.query<{ methodologies: string[] }[]>(
      `SELECT methodologies FROM partners WHERE id = $1`,
      [partnerId],
    );
    if (!partner) throw new DomainError(ErrorCode.PartnerNotFound, 'no such partner');
    const bindings = new Map(
      (
        await manager.query<{ partner_citizen_id: string; citizen_id: string; district_code: string }[]>(
          `SELECT b.partner_citizen_id, b.citizen_id, c.district_code FROM bindings b JOIN citizens c ON c.id = b.citizen_id
           WHERE b.partner_id = $1 AND b.status = 'active' AND b.partner_citizen_id = ANY($2::text[])`,
          [partnerId, [...new Set(items.map((i) => i.partnerCitizenId))]],
        )
      ).map((b) => [b.partner_citizen_id, b]),
    );
    const snapshot = await this.catalog.get();
    const context = {
      versions: snapshot.versions,
      factors: snapshot.factors,
      availableIds: snapshot.methodologyIds,
    };
    const results: PushItemResultDto[] = new Array(items.length);
    const accepted: Accepted[] = [];
    const seen = new Set<string>();

    items.forEach((item, index) => {
      const reject = (code: string, message: string) =>
        (results[index] = { eventId: item.eventId, status: 'rejected', code, message });
      if (seen.has(item.eventId))
        return reject('DUPLICATE_IN_BATCH', 'the same eventId appears earlier in this batch');
      seen.add(item.eventId);
      const binding = bindings.get(item.partnerCitizenId);
      if (!binding) return reject(ErrorCode.BindingNotFound, 'no active binding with this partnerCitizenId');
      if (!partner.methodologies.includes(item.methodology))
        return reject('METHODOLOGY_NOT_ALLOWED', `this partner may not push ${item.methodology}`);
      const assessment = assessAction(context, item.methodology, item.data, binding.district_code);
      switch (assessment.kind) {
        case 'unknown-methodology':
          return reject(ErrorCode.MethodologyUnknown, `unknown methodology ${item.methodology}`);
        case 'invalid-input':
          return reject(
            ErrorCode.ValidationFailed,
            assessment.issues.map((i) => `${i.field}: ${i.problem}`).join('; '),
          );
        case 'not-in-force':
          return reject(
            ErrorCode.MethodologyNotInForce,
            'no methodology version in force for that time and district',
          );
        case 'rejected':
          return reject(assessment.reason, assessment.message);
      }
      if ((assessment.interval?.end ?? assessment.occurredAt).getTime() > Date.now() + CLOCK_SKEW_MS) {
        return reject(ErrorCode.ActionInFuture, 'the action ends in the future');
      }
      accepted.push({
        item,
        index,
        citizenId: binding.citizen_id,
        district: binding.district_code,
        hash: sha256Hex(
          canonicalJson({
            methodology: item.methodology,
            data: item.data,
            evidence: item.evidence ?? null,
            citizen: item.partnerCitizenId,
          }),
        ),
        occurredAt: assessment.occurredAt,
        interval: assessment.interval,
      });
    });

    const acceptedIds: string[] = [];
    if (accepted.length) {
      const scope = `partner:${partnerId}`;
      const inserted = await manager.query<{ id: string; idempotency_key: string }[]>(
        `INSERT INTO actions (citizen_id, district_code, methodology_id, source, idempotency_scope, idempotency_key,
                              request_hash, payload, evidence, occurred_at, interval_start, interval_end, partner_event_id)
         SELECT c, d, m, $1, $1, k, h, p, e, o, s, f, k
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[],
                     $9::timestamptz[], $10::timestamptz[], $11::timestamptz[]) AS v(c, d, m, k, h, p, e, o, s, f)
         ON CONFLICT (idempotency_scope, idempotency_key) DO NOTHING
         RETURNING id, idempotency_key`,
        [
          scope,
          accepted.map((a) => a.citizenId),
          accepted.map((a) => a.district),
          accepted.map((a) => a.item.methodology),
          accepted.map((a) => a.item.eventId),
          accepted.map((a) => a.hash),
          accepted.map((a) => JSON.stringify(a.item.data)),
          accepted.map((a) => (a.item.evidence ? JSON.stringify(a.item.evidence) : null)),
          accepted.map((a) => a.occurredAt),
          accepted.map((a) => a.interval?.start ?? null),
          accepted.map((a) => a.interval?.end ?? null),
        ],
      );
      const created = new Map(inserted.map((r) => [r.idempotency_key, r.id]));
      const earlier = new Map(
        (
          await manager.query<{ id: string; idempotency_key: string; request_hash: string }[]>(
            `SELECT id, idempotency_key, request_hash FROM actions WHERE idempotency_scope = $1 AND idempotency_key = ANY($2::text[])`,
            [scope, accepted.filter((a) => !created.has(a.item.eventId)).map((a) => a.item.eventId)],
          )
        ).map((r) => [r.idempotency_key, r]),
      );
      for (const a of accepted) {
        const id = created.get(a.item.eventId);
        if (id) {
          acceptedIds.push(id);
          results[a.index] = { eventId: a.item.eventId, status: 'accepted', actionId: id };
          continue;
        }
        const before = earlier.get(a.item.eventId)!;
        results[a.index] =
          before.request_hash === a.hash
            ? { eventId: a.item.eventId, status: 'duplicate', actionId: before.id }
            : {
                eventId: a.item.eventId,
                status: 'rejected',
                code: 'EVENT_ID_REUSED',
                message: 'this eventId was pushed before with other data',
              };
      }
    }
    return { results, acceptedIds };
  }
}
