/** The facts behind one ledger posting that touched a citizen's accounts, gathered from several tables. */
export interface TimelineFacts {
  reason: string;
  grams: bigint;
  points: bigint;
  held: bigint;
  details: Record<string, unknown> | null;
  action?: {
    methodology: string;
    version: number;
    occurredAt: Date;
    trace: { step: string; value: string; unit?: string; source?: string; note?: string }[] | null;
    requestedGrams: string | null;
    creditedGrams: string;
    capApplied: string | null;
    campaign: { name: string; multiplier: string } | null;
    pointsRuleVersion: number | null;
  };
  lot?: { earnedAt: Date; expiresAt: Date };
}

const signed = (n: bigint, unit: string) => `${n > 0n ? '+' : ''}${n} ${unit}`;

/** Says in plain terms why a posting changed a citizen's grams and points. */
export function explainPosting(f: TimelineFacts): string[] {
  const lines: string[] = [];
  if (f.action) {
    const a = f.action;
    lines.push(
      `${a.methodology} on ${a.occurredAt.toISOString().slice(0, 10)} quantified with methodology ${a.methodology} version ${a.version}`,
    );
    const factor = a.trace?.find((s) => s.step === 'factor' || s.step.startsWith('factor'));
    if (factor)
      lines.push(
        `factor ${factor.value} ${factor.unit ?? ''}${factor.source ? ` (source: ${factor.source})` : ''}`.trim(),
      );
    const reduction = a.trace?.find((s) => s.step === 'reduction');
    if (reduction?.note) lines.push(`calculation: ${reduction.note} = ${reduction.value} g`);
    if (a.capApplied)
      lines.push(
        `${a.capApplied} cap applied: ${a.requestedGrams ?? '?'} g requested, ${a.creditedGrams} g credited`,
      );
    if (a.campaign)
      lines.push(`campaign "${a.campaign.name}" multiplied the points by ${a.campaign.multiplier}`);
    if (a.pointsRuleVersion !== null) lines.push(`points rule version ${a.pointsRuleVersion}`);
    if (Array.isArray(f.details?.supersedes))
      lines.push(`replaces a less trusted report of the same event: only the difference is credited`);
  }
  switch (f.reason) {
    case 'POINTS_EXPIRED':
      lines.push(
        `points earned ${f.lot ? `on ${f.lot.earnedAt.toISOString().slice(0, 10)} ` : ''}expired unspent at ${String(f.details?.expiredAt ?? f.lot?.expiresAt.toISOString())}`,
      );
      break;
    case 'POINTS_HELD':
      lines.push(`reserved by partner ${String(f.details?.partner)} until it confirms or cancels`);
      break;
    case 'HOLD_CONFIRMED':
      lines.push(`redeemed with partner ${String(f.details?.partner)}`);
      break;
    case 'HOLD_CANCELLED':
    case 'HOLD_EXPIRED':
      lines.push(`reservation by ${String(f.details?.partner)} ended; the points came back`);
      break;
    case 'POINTS_DONATED':
      lines.push(`donated to ${String(f.details?.target)}`);
      break;
    case 'POINTS_REDEEMED':
      lines.push(`spent on a reward from ${String(f.details?.partner)}`);
      break;
    case 'REDEMPTION_REFUNDED':
      lines.push(`a reward order failed or was cancelled; the points were refunded`);
      break;
  }
  const moved = [
    f.grams ? signed(f.grams, 'g CO2e') : '',
    f.points ? signed(f.points, 'points') : '',
    f.held ? signed(f.held, 'points reserved') : '',
  ].filter(Boolean);
  lines.push(moved.length ? moved.join(', ') : 'no change to your balances');
  return lines;
}
