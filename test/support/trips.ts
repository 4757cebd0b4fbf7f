/** A cycling trip ending `minutesAgo` minutes ago (default: an hour ago). */
export function cyclingTrip(
  distanceM: number,
  minutes: number,
  options: { mode?: 'bike' | 'ebike'; startsMinutesAgo?: number } = {},
): { methodology: 'cycling'; data: Record<string, unknown> } {
  const start = new Date(Date.now() - (options.startsMinutesAgo ?? 120) * 60_000);
  start.setUTCSeconds(0, 0);
  const end = new Date(start.getTime() + minutes * 60_000);
  return {
    methodology: 'cycling',
    data: {
      mode: options.mode ?? 'bike',
      distanceM,
      startedAt: start.toISOString(),
      endedAt: end.toISOString(),
    },
  };
}

let counter = 0;
export function idempotencyKey(label = 'key'): string {
  counter += 1;
  return `${label}-${process.pid}-${Date.now()}-${counter}`;
}
