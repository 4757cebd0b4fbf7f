import { methodologyNameZh } from '../../../../libs/contracts/src/messages-zh';
import type { Schemas } from '../api/types';
import { formatGrams, formatKilometres, formatSteps, groupThousands } from './format';
import { CAP_ZH } from './terms';

type TimelineAction = Schemas['TimelineActionDto'];
type TraceStep = Schemas['TraceStepDto'];

/** Factor units as a citizen reads them. */
const FACTOR_UNIT_ZH: Record<string, { unit: string }> = {
  'gCO2e/pkm': { unit: '克/公里' },
  'gCO2e/km': { unit: '克/公里' },
  'gCO2e/step': { unit: '克/步' },
  'kgCO2e/kg': { unit: '千克/千克' },
  'kgCO2/kWh': { unit: '千克/千瓦时' },
};

/** A plain decimal with thousands separators: "1234.5" → "1,234.5". */
function decimal(value: string): string {
  const [whole = '0', fraction] = value.split('.');
  return fraction ? `${groupThousands(whole)}.${fraction}` : groupThousands(whole);
}

function quantity(trace: TraceStep[], methodology: string): string | null {
  const find = (name: string) => trace.find((step) => step.step === name);
  const distance = find('distance');
  if (distance) return `${formatKilometres(distance.value)}${methodologyNameZh(methodology)}`;
  const steps = find('steps.counted') ?? find('steps');
  if (steps) return formatSteps(steps.value);
  const weight = find('weight');
  if (weight) return `${formatGrams(weight.value)}${methodologyNameZh(methodology)}`;
  const energy = find('generation.credited') ?? find('saving.annual');
  if (energy) return `${decimal(energy.value)} 千瓦时`;
  return null;
}

function factor(trace: TraceStep[]): string | null {
  // The factor step is "factor", "factor.bike", "factor.grid" …: the first with a unit we can say.
  const step = trace.find(
    (s) => s.step.startsWith('factor') && s.unit !== undefined && s.unit in FACTOR_UNIT_ZH,
  );
  return step ? `${decimal(step.value)} ${FACTOR_UNIT_ZH[step.unit!]!.unit}` : null;
}

/**
 * How an action's grams were reached, in Chinese: "5 公里骑行 × 33.88 克/公里 = 169 克", then the
 * cap and the campaign if either changed the credit. Methodologies with more steps than a quantity
 * and a factor (carpool, heat pump) name the methodology version instead of the formula.
 */
export function explainAction(action: TimelineAction): string[] {
  const lines: string[] = [];
  const trace = action.trace ?? [];
  const computed = action.requestedGrams ?? action.creditedGrams;
  const simple = trace.length > 0 && !trace.some((s) => s.step === 'detour' || s.step === 'cop');
  const what = simple ? quantity(trace, action.methodology) : null;
  const by = simple ? factor(trace) : null;
  lines.push(
    what && by
      ? `${what} × ${by} = ${formatGrams(computed)}`
      : `按「${methodologyNameZh(action.methodology)}」方法学第 ${action.methodologyVersion} 版核算：${formatGrams(computed)}`,
  );
  if (action.capApplied && action.requestedGrams !== null && action.requestedGrams !== action.creditedGrams) {
    lines.push(
      `超过${CAP_ZH[action.capApplied] ?? ''}计入上限，实际计入 ${formatGrams(action.creditedGrams)}`,
    );
  }
  if (action.campaign) lines.push(`活动「${action.campaign.name}」积分 × ${action.campaign.multiplier}`);
  const source = trace.find((s) => s.step.startsWith('factor') && s.source)?.source;
  if (source) lines.push(`因子来源：${source}`);
  return lines;
}
