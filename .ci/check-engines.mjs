#!/usr/bin/env node
// Fails when a locked dependency does not support the oldest Node.js the project says it runs on
// (package.json "engines"), or the Node.js running this check. npm only warns about that (EBADENGINE)
// unless engine-strict is set (.npmrc), and then only for the Node.js at hand: this checks the
// oldest supported one too, so a dependency upgrade that drops Node 20 fails here on any machine.
import { readFileSync } from 'node:fs';
import semver from 'semver';

const root = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
const stated = root.engines?.node;
if (!stated) throw new Error('package.json states no engines.node');
const versions = [semver.minVersion(stated).version, process.versions.node];

const problems = [];
if (!semver.satisfies(process.versions.node, stated))
  problems.push(`this Node.js ${process.versions.node} is outside package.json's engines.node ${stated}`);
for (const [path, entry] of Object.entries(lock.packages)) {
  const range = entry.engines?.node;
  if (!path || !range || !semver.validRange(range)) continue;
  for (const version of versions)
    if (!semver.satisfies(version, range))
      problems.push(
        `${path.replace(/^.*node_modules\//, '')}@${entry.version} needs Node.js ${range}, not ${version}`,
      );
}
if (problems.length) {
  process.stderr.write(
    `engine check failed (package.json says Node.js ${stated}):\n  ${[...new Set(problems)].join('\n  ')}\n`,
  );
  process.exit(1);
}
process.stdout.write(`engine check: every locked package supports Node.js ${versions.join(' and ')}\n`);
