import type { FastifyReply } from 'fastify';

// Excel (what bureau staff open reports in) reads UTF-8 CSV as GBK unless it starts with a BOM.
const BOM = '\uFEFF';

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote what CSV needs quoted; a leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => unknown;
}

export function toCsv<Row>(columns: CsvColumn<Row>[], rows: Row[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}

/**
 * Sends rows as a CSV attachment named after the report and its range: a Chinese name (RFC 6266
 * filename*, what browsers save it as) and an ASCII one for clients that cannot read it.
 */
export function sendCsv<Row>(
  reply: FastifyReply,
  filename: { ascii: string; zh: string },
  columns: CsvColumn<Row>[],
  rows: Row[],
): string {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header(
    'content-disposition',
    `attachment; filename="${filename.ascii}.csv"; filename*=UTF-8''${encodeURIComponent(`${filename.zh}.csv`)}`,
  );
  return toCsv(columns, rows);
}
