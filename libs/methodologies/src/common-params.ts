import { isDecimalString } from '@app/domain';
import { z } from 'zod';

/** A published emission factor, kept with its unit, source and vintage so reports can cite it. */
export const factorSchema = z
  .object({
    value: z.string().refine(isDecimalString, 'must be a non-negative decimal string, e.g. "33.88"'),
    unit: z.string().min(1),
    source: z.string().min(1),
    vintage: z.number().int().min(1990).max(2100),
  })
  .strict();
export type Factor = z.infer<typeof factorSchema>;

/** The trace step citing a factor: its value and unit, and its source with the vintage. */
export const factorStep = (step: string, factor: Factor) => ({
  step,
  value: factor.value,
  unit: factor.unit,
  source: `${factor.source} (${factor.vintage})`,
});

const gramsCap = z.number().int().positive().nullable();

/** Caps on credited grams, checked before conversion to points. null = no cap. */
export const capsSchema = z.object({ perActionG: gramsCap, perDayG: gramsCap, perMonthG: gramsCap }).strict();
export type Caps = z.infer<typeof capsSchema>;

/** How self-reported (not partner-verified) data is treated. */
export const selfReportedSchema = z
  .object({
    accepted: z.boolean(),
    review: z.boolean(),
    perDayCapG: gramsCap,
  })
  .strict();
