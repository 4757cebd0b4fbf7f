/** Says in plain terms why a ledger entry happened. */
export function describeReason(reason: string, details: Record<string, unknown> | null): string {
  switch (reason) {
    case 'ACTION_SETTLED':
      return `${String(details?.methodology)}@${String(details?.methodologyVersion)} action settled: ${String(details?.grams)} g CO2e, ${String(details?.points)} points`;
    case 'POINTS_EXPIRED':
      return `${String(details?.points)} points expired unspent`;
    case 'POINTS_HELD':
      return `${String(details?.points)} points reserved by ${String(details?.partner)}`;
    case 'HOLD_CONFIRMED':
      return `${String(details?.confirmed)} points redeemed with ${String(details?.partner)}${details?.released !== '0' ? `, ${String(details?.released)} released` : ''}`;
    case 'HOLD_CANCELLED':
    case 'HOLD_EXPIRED':
      return `${String(details?.released)} reserved points released by ${String(details?.partner)}`;
    case 'POINTS_DONATED':
      return `${String(details?.points)} points donated to ${String(details?.target)}`;
    default:
      return reason.toLowerCase().replaceAll('_', ' ');
  }
}
