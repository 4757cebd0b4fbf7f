/** Says in plain terms why a ledger entry happened. */
export function describeReason(reason: string, details: Record<string, unknown> | null): string {
  switch (reason) {
    case 'ACTION_SETTLED':
      return `${String(details?.methodology)}@${String(details?.methodologyVersion)} action settled: ${String(details?.grams)} g CO2e, ${String(details?.points)} points`;
    default:
      return reason.toLowerCase().replaceAll('_', ' ');
  }
}
