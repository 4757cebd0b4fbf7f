// What mutation testing mutates (stryker.config.mjs, scripts/mutation.mjs): the pure rules of four
// folders, judged by their unit specs. I/O is left out, file by file or function by function, because
// a unit spec cannot reach it: the end-to-end and fault suites (real PostgreSQL, Redis, processes
// killed and restarted) cover it, and one of them per mutant would take hours.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const ROOT = new URL('..', import.meta.url).pathname;

/**
 * The folders mutated, in the order the score table lists them. The worker pipeline's pure rules
 * (decideAction, accepted events, usage ledger) live in libs/methodologies/src/pipeline when that
 * folder exists: they get a row of their own, and apps/worker/src/pipeline keeps its I/O only.
 */
export const FOLDERS = [
  'libs/domain',
  'libs/ledger',
  'libs/methodologies',
  'libs/methodologies/src/pipeline',
  'apps/worker/src/pipeline',
].filter((folder) => existsSync(join(ROOT, folder)));

/** Files left out whole, and why. */
export const EXCLUDED_FILES = {
  // Re-exports and module wiring: nothing to mutate that a spec could observe.
  'libs/domain/src/index.ts': 're-exports',
  'libs/domain/src/engagement/index.ts': 're-exports',
  'libs/methodologies/src/index.ts': 're-exports',
  'libs/ledger/src/index.ts': 're-exports',
  'libs/ledger/src/ledger.module.ts': 'Nest module wiring',
  // Only I/O: SQL run inside the caller's transaction; covered by the e2e and fault suites.
  'libs/ledger/src/ledger-writer.ts': 'SQL (account locks, entry inserts); e2e and fault suites',
  'libs/ledger/src/holds.ts': 'SQL (hold rows, hold lots); e2e suites (holds, partner API)',
  'libs/ledger/src/orders.ts': 'SQL (order rows, refunds); e2e suites (catalog, partner orders)',
  'libs/ledger/src/reconciliation.ts': 'SQL invariant checks; e2e and fault suites run reconcile()',
  'apps/worker/src/pipeline/action-pipeline.ts': 'drain loop over the services; e2e and fault suites',
  'apps/worker/src/pipeline/quantification.service.ts': 'batch claims and locks (SQL); e2e and fault suites',
  'apps/worker/src/pipeline/settlement.service.ts': 'settlement batches (SQL); e2e and fault suites',
};

const isSource = (file) =>
  file.endsWith('.ts') &&
  !file.endsWith('.spec.ts') &&
  !file.endsWith('.spec-support.ts') &&
  !file.endsWith('.d.ts');

/** A folder's source files, less those of a more specific folder of FOLDERS (its own row). */
function walk(dir, top = dir) {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return FOLDERS.includes(path) && path !== top ? [] : walk(path, top);
    return isSource(entry.name) ? [path] : [];
  });
}

/** A function, method or arrow function that takes an EntityManager or DataSource does I/O. */
function takesDatabase(node) {
  return (
    (ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node) ||
      ts.isConstructorDeclaration(node)) &&
    node.parameters.some((p) => p.type && /\b(EntityManager|DataSource)\b/.test(p.type.getText()))
  );
}

/**
 * The line ranges of a file outside its I/O functions, as Stryker's `file:from-to` patterns; the whole
 * file when it has none. Computed from the source, so the ranges follow the file as it changes.
 */
export function pureRanges(file) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const io = [];
  const visit = (node) => {
    if (takesDatabase(node)) {
      const from = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const to = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
      io.push({ from, to, name: node.name?.getText(source) ?? '(anonymous)' });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!io.length) return { patterns: [file], io };
  const lines = source.getLineAndCharacterOfPosition(text.length).line + 1;
  const patterns = [];
  let next = 1;
  for (const range of io.sort((a, b) => a.from - b.from)) {
    if (range.from > next) patterns.push(`${file}:${next}-${range.from - 1}`);
    next = Math.max(next, range.to + 1);
  }
  if (next <= lines) patterns.push(`${file}:${next}-${lines}`);
  return { patterns, io };
}

/** Stryker `mutate` patterns for the given folders (all of them by default). */
export function mutatePatterns(folders = FOLDERS, only) {
  return folders.flatMap((folder) =>
    walk(folder)
      .filter((file) => !(file in EXCLUDED_FILES))
      .filter((file) => !only || only.has(file))
      .flatMap((file) => pureRanges(file).patterns),
  );
}

/** The folder (of FOLDERS) a file belongs to. */
export function folderOf(file) {
  const path = relative(ROOT, join(ROOT, file));
  return FOLDERS.filter((folder) => path === folder || path.startsWith(`${folder}/`)).sort(
    (a, b) => b.length - a.length,
  )[0];
}
