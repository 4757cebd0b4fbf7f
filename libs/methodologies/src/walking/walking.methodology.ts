import { cstDayStart, floorMultiply, parseDecimal, ErrorCode } from '@app/domain';
import { z } from 'zod';
import { capsSchema, factorSchema, factorStep, selfReportedSchema } from '../common-params.js';
import { reject, type Methodology, type QuantifyResult, type TraceStep } from '../methodology.js';

export const walkingInputSchema = z
  .object({
    /** The local (China Standard Time) calendar day the steps were counted, e.g. "2025-06-01". */
    date: z.iso.date(),
    // Hard bound against absurd values; the counted maximum is a parameter (eligibility).
    steps: z.number().int().nonnegative().max(200_000),
  })
  .strict();
export type WalkingInput = z.infer<typeof walkingInputSchema>;

export const walkingParamsSchema = z
  .object({
    factor: factorSchema,
    eligibility: z.object({ maxCountedStepsPerDay: z.number().int().positive() }).strict(),
    caps: capsSchema,
    selfReported: selfReportedSchema,
  })
  .strict();
export type WalkingParams = z.infer<typeof walkingParamsSchema>;

/**
 * ER = counted steps × net reduction factor (g/step), floored to whole grams. Steps above the daily
 * maximum are not credited (the day is not rejected). One report per citizen and local day.
 */
export const walking: Methodology<WalkingInput, WalkingParams> = {
  id: 'walking',
  version: 1,
  title: '低碳出行 · 步行 (walking, daily steps)',
  inputSchema: walkingInputSchema,
  paramsSchema: walkingParamsSchema,
  // Midnight at the start of the local day, China Standard Time (UTC+8, no daylight saving).
  occurredAt: (input) => cstDayStart(input.date),
  interval: () => null,
  fingerprint: (input) => `walking/${input.date}`,

  quantify(input, params): QuantifyResult {
    if (input.steps === 0) {
      return reject(ErrorCode.NoSteps, 'a day with no steps earns nothing', { date: input.date, steps: 0 });
    }
    const { maxCountedStepsPerDay } = params.eligibility;
    const counted = Math.min(input.steps, maxCountedStepsPerDay);

    const { factor } = params;
    const grams = floorMultiply(BigInt(counted), parseDecimal(factor.value));
    const countedStep: TraceStep = { step: 'steps.counted', value: String(counted), unit: 'steps' };
    if (counted < input.steps) {
      countedStep.note = `at most ${maxCountedStepsPerDay} steps a day are counted; ${input.steps - counted} not credited`;
    }
    return {
      ok: true,
      grams,
      trace: [
        { step: 'steps', value: String(input.steps), unit: 'steps', note: `counted on ${input.date}` },
        countedStep,
        factorStep('factor', factor),
        {
          step: 'reduction',
          value: grams.toString(),
          unit: 'gCO2e',
          note: `floor(${counted} steps × ${factor.value})`,
        },
      ],
    };
  },
};
