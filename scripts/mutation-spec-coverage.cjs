// Jest setup file for mutation testing only (stryker.config.mjs). During Stryker's initial run it
// records which mutants each spec file reaches, in the sandbox's .mutation-spec-coverage.jsonl;
// mutation-spec-filter.cjs then runs, for each mutant, only the spec files that reach it. Without it
// every spec importing a barrel (@app/domain, @app/methodologies) is "related" to every file behind it,
// and Jest in ESM mode loads each of them again for every mutant (25 s a mutant instead of 2).
const { appendFileSync } = require('node:fs');
const { join } = require('node:path');

const context = globalThis.__stryker__;
const initialRun = context && !process.env.__STRYKER_ACTIVE_MUTANT__;

if (initialRun) {
  const coverage = () => (context.mutantCoverage ??= { static: {}, perTest: {} });
  // Only what its tests reach counts: every spec that imports a barrel loads (statically reaches)
  // nearly everything behind it. A mutant reached both while modules load and by tests is judged by
  // the spec files whose tests reach it (a kill only by its effect at load time would be missed).
  const reached = new Set();
  afterEach(() => {
    const hits = context.currentTestId && coverage().perTest[context.currentTestId];
    for (const id of Object.keys(hits ?? {})) reached.add(id);
  });
  afterAll(() => {
    const spec = expect.getState().testPath;
    appendFileSync(
      join(process.cwd(), '.mutation-spec-coverage.jsonl'),
      `${JSON.stringify({ spec, mutants: [...reached] })}\n`,
    );
  });
}
