#!/usr/bin/env node
// npm run test:mutation [-- <folder or file>...] [--changed <git ref>] [--report-only] [--min <score>]
//                       [--stryker <Stryker's own options, e.g. --concurrency 1>]
//
// Runs Stryker over the pure rules of libs/domain, libs/ledger, libs/methodologies and the worker
// pipeline (scripts/mutation-targets.mjs), or over the folders or files named, or over the files
// changed since a git ref; writes reports/mutation/{index.html,mutation.json} and prints, per folder,
// how many mutants the unit specs killed, how many survived, how many no spec reached, and the score.
// Exits 1 when a folder scores under --min (80 by default).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FOLDERS, ROOT, folderOf, mutatePatterns } from './mutation-targets.mjs';

const REPORT = join(ROOT, 'reports/mutation/mutation.json');

function parseArgs(argv) {
  const args = { targets: [], changed: undefined, reportOnly: false, min: 80, stryker: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--changed') args.changed = argv[++i] ?? 'main';
    else if (arg === '--report-only') args.reportOnly = true;
    else if (arg === '--min') args.min = Number(argv[++i]);
    else if (arg === '--stryker') args.stryker.push(...argv.splice(i + 1));
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        readFileSync(new URL(import.meta.url), 'utf8')
          .split('\n')
          .slice(1, 10)
          .join('\n') + '\n',
      );
      process.exit(0);
    } else args.targets.push(relative(ROOT, join(process.cwd(), arg)).replace(/\/$/, ''));
  }
  return args;
}

/** Folders named whole, and files (of those folders) named one by one or changed since a ref. */
function selection({ targets, changed }) {
  const folders = new Set();
  const files = new Set();
  for (const target of targets) {
    const named = FOLDERS.filter((f) => target === f || f.startsWith(`${target}/`));
    for (const folder of named) folders.add(folder);
    if (named.length) continue;
    if (folderOf(target)) files.add(target);
    else throw new Error(`${target} is not one of the mutated folders (${FOLDERS.join(', ')}) nor in one`);
  }
  if (changed) {
    const names = execFileSync('git', ['diff', '--name-only', `${changed}...HEAD`, '--', ...FOLDERS], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    for (const name of names.split('\n').filter(Boolean)) {
      // A changed spec changes the verdict on the files beside it.
      const source = name.replace(/\.spec\.ts$/, '.ts');
      if (existsSync(join(ROOT, source))) files.add(source);
    }
  }
  if (!folders.size && !files.size) {
    if (changed) return { patterns: [], folders: [] };
    return { patterns: mutatePatterns(FOLDERS), folders: FOLDERS };
  }
  const patterns = [
    ...mutatePatterns([...folders]),
    ...mutatePatterns(
      [...new Set([...files].map(folderOf))].filter((f) => !folders.has(f)),
      files,
    ),
  ];
  return {
    patterns,
    folders: FOLDERS.filter((f) => folders.has(f) || [...files].some((x) => folderOf(x) === f)),
  };
}

function runStryker(patterns, extra) {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', 'stryker.config.mjs', ...extra],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, STRYKER_MUTATE: patterns.join(',') } },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Per folder: killed (and timed out), survived, not covered, and the score over those. */
function scores(report, folders) {
  const rows = new Map(folders.map((f) => [f, { killed: 0, survived: 0, noCoverage: 0, other: 0 }]));
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = folderOf(relative(ROOT, join(ROOT, file)));
    if (!folder) continue;
    if (!rows.has(folder)) rows.set(folder, { killed: 0, survived: 0, noCoverage: 0, other: 0 });
    const row = rows.get(folder);
    for (const mutant of mutants) {
      if (DETECTED.has(mutant.status)) row.killed++;
      else if (mutant.status === 'Survived') row.survived++;
      else if (mutant.status === 'NoCoverage') row.noCoverage++;
      else if (!UNDETECTED.has(mutant.status)) row.other++;
    }
  }
  return [...rows].map(([folder, row]) => {
    const valid = row.killed + row.survived + row.noCoverage;
    return { folder, ...row, score: valid ? (100 * row.killed) / valid : NaN };
  });
}

function printTable(rows) {
  const header = ['folder', 'killed', 'survived', 'no coverage', 'score'];
  const body = rows.map((r) => [
    r.folder,
    String(r.killed),
    String(r.survived),
    String(r.noCoverage),
    Number.isNaN(r.score) ? '-' : `${r.score.toFixed(1)} %`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  process.stdout.write(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const cells of body) process.stdout.write(`${line(cells)}\n`);
  process.stdout.write(`\nreport: ${relative(process.cwd(), join(ROOT, 'reports/mutation/index.html'))}\n`);
}

const args = parseArgs(process.argv.slice(2));
const { patterns, folders } = selection(args);
if (!args.reportOnly) {
  if (!patterns.length) {
    process.stdout.write(`mutation: no mutated file changed since ${args.changed}\n`);
    process.exit(0);
  }
  runStryker(patterns, args.stryker);
}
const rows = scores(JSON.parse(readFileSync(REPORT, 'utf8')), folders);
printTable(rows);
const low = rows.filter((r) => r.score < args.min);
if (low.length) {
  process.stderr.write(`under ${args.min} %: ${low.map((r) => r.folder).join(', ')}\n`);
  process.exit(1);
}
