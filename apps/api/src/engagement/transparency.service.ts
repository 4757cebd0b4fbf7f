import { cstYearBounds, equivalentsOf } from '@app/domain';
import { TransparencyRepository } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { explainPosting, type TimelineFacts } from './timeline-explain.js';

const EXPIRING_WINDOW_DAYS = 30;

/** The transparent account: every change explained, points about to expire, the year in numbers. */
@Injectable()
export class TransparencyService {
  constructor(private readonly ledger: TransparencyRepository) {}

  /** One item per posting that changed my grams, points or reserved points; newest first. */
  async timeline(citizen: CitizenPrincipal, limit = 20, cursor?: string) {
    const postings = await this.ledger.postings(citizen.citizenId, limit + 1, cursor);
    const page = postings.slice(0, limit);
    const actionIds = page.filter((p) => p.causeType === 'action').map((p) => p.causeId);
    const lotIds = page.filter((p) => p.reason === 'POINTS_EXPIRED').map((p) => String(p.details?.lot));
    const [actions, lots] = await Promise.all([
      this.ledger.actions(citizen.citizenId, actionIds),
      this.ledger.lots(citizen.citizenId, lotIds),
    ]);
    return {
      items: page.map((p) => {
        const action = p.causeType === 'action' ? actions.find((a) => a.id === p.causeId) : undefined;
        const lot = lots.find((l) => l.id === String(p.details?.lot));
        const facts: TimelineFacts = {
          reason: p.reason,
          grams: BigInt(p.grams),
          points: BigInt(p.points),
          held: BigInt(p.held),
          details: p.details,
          ...(action
            ? {
                action: {
                  methodology: action.methodologyId,
                  version: action.version,
                  occurredAt: action.occurredAt,
                  trace: action.trace,
                  requestedGrams: action.requestedGrams,
                  creditedGrams: action.grams,
                  capApplied: action.capApplied,
                  campaign: action.campaignName
                    ? { name: action.campaignName, multiplier: action.multiplier! }
                    : null,
                  pointsRuleVersion: action.pointsRuleVersion,
                },
              }
            : {}),
          ...(lot ? { lot: { earnedAt: lot.earnedAt, expiresAt: lot.expiresAt } } : {}),
        };
        return {
          postingId: String(p.id),
          at: p.createdAt.toISOString(),
          reason: p.reason,
          cause: { type: p.causeType, id: p.causeId },
          grams: p.grams,
          points: p.points,
          heldPoints: p.held,
          explanation: explainPosting(facts),
          ...(action
            ? {
                action: {
                  id: action.id,
                  methodology: action.methodologyId,
                  methodologyVersion: action.version,
                  occurredAt: action.occurredAt.toISOString(),
                  requestedGrams: action.requestedGrams,
                  creditedGrams: action.grams,
                  capApplied: action.capApplied,
                  campaign: facts.action!.campaign,
                  trace: action.trace,
                },
              }
            : {}),
          ...(lot
            ? {
                lot: {
                  id: lot.id,
                  earnedAt: lot.earnedAt.toISOString(),
                  expiresAt: lot.expiresAt.toISOString(),
                },
              }
            : {}),
        };
      }),
      nextCursor: postings.length > limit ? String(page[page.length - 1].id) : null,
    };
  }

  /** Points that expire within the next 30 days, soonest first. */
  async expiring(citizen: CitizenPrincipal) {
    const lots = await this.ledger.expiringLots(citizen.citizenId, EXPIRING_WINDOW_DAYS);
    return {
      withinDays: EXPIRING_WINDOW_DAYS,
      points: lots.reduce((sum, l) => sum + BigInt(l.remaining), 0n).toString(),
      lots: lots.map((l) => ({
        id: l.id,
        points: l.remaining,
        earnedAt: l.earnedAt.toISOString(),
        expiresAt: l.expiresAt.toISOString(),
      })),
    };
  }

  /** A calendar year (CST) of reductions, by methodology, with everyday equivalents and their sources. */
  async yearSummary(citizen: CitizenPrincipal, year: number) {
    const { from, to } = cstYearBounds(year);
    const rows = await this.ledger.creditedByMethodology(citizen.citizenId, from, to);
    const grams = rows.reduce((sum, r) => sum + BigInt(r.grams), 0n);
    return {
      year,
      grams: grams.toString(),
      points: rows.reduce((sum, r) => sum + BigInt(r.points), 0n).toString(),
      actions: rows.reduce((sum, r) => sum + r.actions, 0),
      byMethodology: rows,
      equivalents: equivalentsOf(grams),
    };
  }
}
