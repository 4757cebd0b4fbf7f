import { floorMultiply, parseDecimal, ErrorCode } from '@app/domain';
import { z } from 'zod';
import { capsSchema, factorSchema, factorStep, selfReportedSchema } from '../common-params.js';
import { reject, type Methodology, type QuantifyResult } from '../methodology.js';

export const clothesRecyclingInputSchema = z
  .object({
    // Hard bound against absurd values (1 t); the per-drop-off range is a parameter (eligibility).
    weightG: z.number().int().positive().max(1_000_000),
    droppedAt: z.iso.datetime({ offset: true }).transform((text) => new Date(text)),
    /** The weighing kiosk's or recycler's receipt number: identifies the drop-off. */
    receiptId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be 1–64 letters, digits or . _ : -'),
  })
  .strict();
export type ClothesRecyclingInput = z.infer<typeof clothesRecyclingInputSchema>;

export const clothesRecyclingParamsSchema = z
  .object({
    // kgCO2e per kg is the same number as gCO2e per g: grams = weight in g × factor.
    factor: factorSchema.refine((factor) => factor.unit === 'kgCO2e/kg', 'the factor must be in kgCO2e/kg'),
    eligibility: z
      .object({ minWeightG: z.number().int().positive(), maxWeightG: z.number().int().positive() })
      .strict()
      .refine((range) => range.minWeightG <= range.maxWeightG, 'minWeightG must not exceed maxWeightG'),
    caps: capsSchema,
    selfReported: selfReportedSchema,
  })
  .strict();
export type ClothesRecyclingParams = z.infer<typeof clothesRecyclingParamsSchema>;

/** ER = weight (kg) × avoided emissions per kg of textiles reused or recycled, floored to whole grams. */
export const clothesRecycling: Methodology<ClothesRecyclingInput, ClothesRecyclingParams> = {
  id: 'clothes-recycling',
  version: 1,
  title: '旧衣物回收 (old-clothes recycling)',
  inputSchema: clothesRecyclingInputSchema,
  paramsSchema: clothesRecyclingParamsSchema,
  occurredAt: (input) => input.droppedAt,
  interval: () => null,
  fingerprint: (input) => `clothes-recycling/${input.receiptId.toUpperCase()}`,

  quantify(input, params): QuantifyResult {
    const { minWeightG, maxWeightG } = params.eligibility;
    if (input.weightG < minWeightG) {
      return reject(ErrorCode.WeightTooLow, `a drop-off must weigh at least ${minWeightG} g`, {
        minWeightG,
        weightG: input.weightG,
      });
    }
    if (input.weightG > maxWeightG) {
      return reject(ErrorCode.WeightTooHigh, `a drop-off may weigh at most ${maxWeightG} g`, {
        maxWeightG,
        weightG: input.weightG,
      });
    }

    const factor = params.factor;
    const grams = floorMultiply(BigInt(input.weightG), parseDecimal(factor.value));
    return {
      ok: true,
      grams,
      trace: [
        { step: 'weight', value: String(input.weightG), unit: 'g' },
        factorStep('factor', factor),
        {
          step: 'reduction',
          value: grams.toString(),
          unit: 'gCO2e',
          note: `floor(${input.weightG} g × ${factor.value})`,
        },
      ],
    };
  },
};
