// Jest `filter` for mutation testing only (stryker.config.mjs): while Stryker runs a mutant, keep the
// spec files that reached it in the initial run (mutation-spec-coverage.cjs); otherwise keep all.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

let bySpec;

module.exports = async function filter(testPaths) {
  const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
  const file = join(process.cwd(), '.mutation-spec-coverage.jsonl');
  if (!mutant || !existsSync(file)) return { filtered: testPaths };
  bySpec ??= readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .map(({ spec, mutants }) => ({ spec, mutants: new Set(mutants) }));
  const reaching = new Set(bySpec.filter((s) => s.mutants.has(mutant)).map((s) => s.spec));
  const filtered = testPaths.filter((path) => reaching.has(path));
  return { filtered: filtered.length ? filtered : testPaths };
};
