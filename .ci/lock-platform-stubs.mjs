#!/usr/bin/env node
// This machine's npm registry mirror lacks some platform-specific optional packages (e.g.
// @swc/core-darwin-arm64): `npm install` then leaves them out of package-lock.json and `npm ci`
// refuses the lockfile as out of sync. This records each missing optional dependency with the
// platform its name says (os/cpu), so `npm ci` knows to skip it on other platforms, as it would
// with a lockfile written against the full registry. Run after `npm install` changes the lockfile.
// `node .ci/lock-platform-stubs.mjs [dir]`: the package in dir (default: the repository root; the
// mini-program's own package runs it with its directory).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OS = {
  darwin: 'darwin',
  linux: 'linux',
  win32: 'win32',
  freebsd: 'freebsd',
  android: 'android',
  openharmony: 'openharmony',
  sunos: 'sunos',
  aix: 'aix',
  netbsd: 'netbsd',
  openbsd: 'openbsd',
};
const CPU = {
  arm64: 'arm64',
  x64: 'x64',
  ia32: 'ia32',
  arm: 'arm',
  ppc64: 'ppc64',
  s390x: 's390x',
  loong64: 'loong64',
  riscv64: 'riscv64',
  wasm32: 'wasm32',
  mips64el: 'mips64el',
};

function platformOf(name) {
  const tokens = name.split('/').pop().split('-');
  const os = tokens.find((t) => OS[t]);
  const cpu = tokens.find((t) => CPU[t]);
  const libc = tokens.some((t) => t.startsWith('musl'))
    ? 'musl'
    : tokens.some((t) => t.startsWith('gnu'))
      ? 'glibc'
      : undefined;
  return { os, cpu, libc };
}

const dir = process.argv[2] ? resolve(process.argv[2]) : fileURLToPath(new URL('..', import.meta.url));
const path = join(dir, 'package-lock.json');
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [location, entry] of Object.entries({ ...packages })) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os && !cpu) continue; // not a platform package: leave it for npm to resolve
    packages[`node_modules/${name}`] = {
      version: version.replace(/^[\^~=]/, ''),
      cpu: cpu ? [cpu] : undefined,
      libc: libc ? [libc] : undefined,
      optional: true,
      os: os ? [os] : undefined,
    };
    added += 1;
  }
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platform-stubs: recorded ${added} platform-specific optional package(s)`);
