import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// TypeORM's PostgreSQL driver answers an UPDATE or DELETE with `[rows, affectedCount]`, not with the
// rows: `rows.length` of that answer is always 2, so "false when nothing matched" silently became
// "always true" three times (unfriend, leaving a team, disabling an organisation). Every such query
// must declare the tuple it gets.
const root = dirname(fileURLToPath(import.meta.url));
const WRITE_WITH_ROWS = /\.query<([^`]*?)>\(\s*`\s*(UPDATE|DELETE)\b[^`]*\bRETURNING\b/g;

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function untupledWrites(text: string): string[] {
  return [...text.matchAll(WRITE_WITH_ROWS)].filter((m) => !m[1].trim().startsWith('[')).map((m) => m[0]);
}

describe('UPDATE/DELETE … RETURNING through query()', () => {
  it('recognises an answer typed as rows (the defect) and one typed as [rows, count]', () => {
    expect(
      untupledWrites('await m.query<{ id: string }[]>(`DELETE FROM t WHERE id = $1 RETURNING id`)'),
    ).toHaveLength(1);
    expect(
      untupledWrites('await m.query<[{ id: string }[], number]>(`UPDATE t SET a = 1 RETURNING id`)'),
    ).toEqual([]);
    expect(
      untupledWrites('await m.query<{ id: string }[]>(`INSERT INTO t VALUES (1) RETURNING id`)'),
    ).toEqual([]);
  });

  it('is declared as [rows, count] by every repository', () => {
    const folders = [root, join(root, '../../ledger/src')];
    const offenders = folders
      .flatMap(sources)
      .flatMap((path) =>
        untupledWrites(readFileSync(path, 'utf8')).map(
          (query) => `${relative(root, path)}: ${query.slice(0, 80)}`,
        ),
      );
    expect(offenders).toEqual([]);
  });
});
