import { Typography } from 'antd';
import { amountIn, DISPLAY_UNIT_LABELS, type DisplayUnit } from '../carbon-units';
import { cstDate, formatCst } from '../../cst';
import { ToneTag } from '../tone-tag';

/** A claim of a tonne or more is a different order of business from a bag of clothes: it says so. */
const LARGE_CLAIM_GRAMS = 1_000_000n;

/** An amount in the column's unit; a claim of a tonne or more is bold with a 大额 tag. */
export function ClaimAmount({
  grams,
  unit,
  testId,
}: {
  grams: string | null;
  unit: DisplayUnit;
  testId?: string;
}) {
  if (grams === null) return <>—</>;
  const large = BigInt(grams) >= LARGE_CLAIM_GRAMS;
  return (
    <span data-testid={testId} data-grams={grams} style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text strong={large}>{amountIn(grams, unit)}</Typography.Text>
      {large && (
        <ToneTag tone="magenta" style={{ marginLeft: 6 }}>
          大额
        </ToneTag>
      )}
    </span>
  );
}

export const columnTitle = (title: string, unit: DisplayUnit) => `${title}（${DISPLAY_UNIT_LABELS[unit]}）`;

/** A trip's start–end (China time), or a metering period / credit year as dates. */
export function PeriodText({ period }: { period: { start: string; end: string } | null }) {
  if (!period) return <>—</>;
  if (period.start.length === 10)
    return <>{period.start === period.end ? period.start : `${period.start} 至 ${period.end}`}</>;
  const start = formatCst(period.start);
  const end = formatCst(period.end);
  const sameDay = cstDate(period.start) === cstDate(period.end);
  return <>{`${start.slice(0, 16)} 至 ${sameDay ? end.slice(11, 16) : end.slice(0, 16)}`}</>;
}

/** How long an item has waited: 3 小时, 2 天. */
export function waited(receivedAt: string, now = Date.now()): string {
  const hours = Math.floor((now - Date.parse(receivedAt)) / 3_600_000);
  if (hours < 1) return '不足 1 小时';
  if (hours < 48) return `${hours} 小时`;
  return `${Math.floor(hours / 24)} 天`;
}
