import { z } from 'zod';
import { capsSchema, selfReportedSchema } from '../common-params.js';
import { identifierSchema, normalizedIdentifier } from '../energy-common.js';
import type { Methodology, QuantifyResult } from '../methodology.js';

/** One everyday action, as the partner that verified it records it. */
export const flatActionInputSchema = z
  .object({
    occurredAt: z.iso.datetime({ offset: true }).transform((text) => new Date(text)),
    /** The partner's record: a smart bin's drop, a till receipt, an order number. */
    eventId: identifierSchema,
  })
  .strict();
export type FlatActionInput = z.infer<typeof flatActionInputSchema>;

export const flatActionParamsSchema = z
  .object({
    /** Grams credited per action, with how they are derived and whether a published value exists. */
    credit: z
      .object({
        gramsPerAction: z.number().int().positive().max(10_000),
        /** [P] with the publication, or [D] with the arithmetic. */
        source: z.string().regex(/^\[(P|D)\]/, 'must start with [P] or [D]'),
        vintage: z.number().int().min(1990).max(2100),
      })
      .strict(),
    /** Who may report it: only partners that verify it (a smart bin, a till, a platform's order). */
    verifiedBy: z.array(z.string().min(1)).min(1),
    eligibility: z.object({ maxCountPerDay: z.number().int().positive().max(100) }).strict(),
    caps: capsSchema,
    selfReported: selfReportedSchema,
  })
  .strict()
  // The daily count cap is enforced as grams, which the caps machinery counts per China-time day.
  .refine((p) => p.caps.perDayG === p.eligibility.maxCountPerDay * p.credit.gramsPerAction, {
    message: 'caps.perDayG must be eligibility.maxCountPerDay × credit.gramsPerAction',
    path: ['caps', 'perDayG'],
  })
  .refine((p) => !p.selfReported.accepted, {
    message: 'an everyday action is credited only from a partner that verifies it',
    path: ['selfReported', 'accepted'],
  });
export type FlatActionParams = z.infer<typeof flatActionParamsSchema>;

/**
 * A flat credit per verified everyday action (碳碳星球, 武碳江湖): ER = grams per action, once per
 * partner record, at most `maxCountPerDay` a day (the daily cap in grams is that many actions).
 */
export function flatActionMethodology(
  id: string,
  title: string,
): Methodology<FlatActionInput, FlatActionParams> {
  return {
    id,
    version: 1,
    title,
    inputSchema: flatActionInputSchema,
    paramsSchema: flatActionParamsSchema,
    occurredAt: (input) => input.occurredAt,
    interval: () => null,
    fingerprint: (input) => `${id}/${normalizedIdentifier(input.eventId)}`,
    quantify(input, params): QuantifyResult {
      const grams = BigInt(params.credit.gramsPerAction);
      return {
        ok: true,
        grams,
        trace: [
          { step: 'event', value: input.eventId, note: `verified by ${params.verifiedBy.join(' / ')}` },
          {
            step: 'credit',
            value: String(params.credit.gramsPerAction),
            unit: 'gCO2e/action',
            source: `${params.credit.source} (${params.credit.vintage})`,
            note: `at most ${params.eligibility.maxCountPerDay} a day`,
          },
          { step: 'reduction', value: grams.toString(), unit: 'gCO2e', note: '1 action × grams per action' },
        ],
      };
    },
  };
}
