#!/usr/bin/env node
// Buckets a V8 CPU profile of the API under the bench's ingest load (docs/performance.md):
//   node scripts/profile-buckets.mjs <file.cpuprofile> [msPerRequest] [windowSeconds]
// Keeps the busiest `windowSeconds` (default 20: the bench's measured window) and charges each sample
// to the innermost frame that belongs to a library or to our code; Node's own frames (sockets,
// streams, timers) count for whoever called them, so a socket write counts for the library that
// wrote. With msPerRequest (the run's `ingestApiCpuMsPerRequest`) the shares are scaled to it.
import { readFileSync } from 'node:fs';

const [file, msArg, windowArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: profile-buckets.mjs <file.cpuprofile> [msPerRequest] [windowSeconds]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const windowUs = Number(windowArg ?? 20) * 1e6;

/** Buckets in the order docs/performance.md lists them; the first rule matching a frame wins. */
const RULES = [
  ['security headers', /@fastify\/helmet|\/helmet\/|security-headers/],
  ['metrics hooks (prom-client)', /prom-client|http-metrics/],
  ['logging (pino)', /\/pino|request-log|libs\/logging/],
  ['JWT verification', /jsonwebtoken|jws|jwa|@nestjs\/jwt|access-token|jwt-auth\.guard|citizen-status/],
  ['validation', /class-validator|class-transformer|validation|\/dto\/|validator\//],
  ['enqueue (BullMQ)', /bullmq|msgpackr|job-producer|libs\/queues/],
  ['Redis (ioredis)', /ioredis|redis-parser|@ioredis|rate-limit/],
  ['PostgreSQL (pg, TypeORM)', /\/pg\/|\/pg-|typeorm|libs\/persistence\/src\/(?!idempot)/],
  ['idempotency (hash, store, batcher)', /idempot|canonical-hash|intake-batcher|keyed-action-intake/],
  ['methodology assessment (zod), catalog', /methodolog|libs\/domain|catalog|\/zod\//],
  ['Nest (router, guards, interceptors, rxjs)', /@nestjs\/|rxjs|api-exception|reflect-metadata/],
  [
    'HTTP (Fastify, Node http, JSON)',
    /fastify|find-my-way|avvio|light-my-request|secure-json-parse|fast-json-stringify|content-type|process-warning/,
  ],
  ['our code, other', /dist\/(apps|libs)\//],
];
const NODE_HTTP = /node:(_http|http|net|internal\/http|internal\/streams|stream|internal\/stream_base)/;

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const memo = new Map();
function bucketOf(id) {
  if (memo.has(id)) return memo.get(id);
  let bucket = null;
  let sawNodeHttp = false;
  const leaf = nodes.get(id).callFrame;
  if (leaf.functionName === '(garbage collector)') bucket = 'garbage collection';
  else if (leaf.functionName === '(idle)') bucket = 'idle';
  else if (leaf.functionName === '(program)') bucket = 'V8/native without a JS frame';
  for (let at = id; bucket === null && at !== undefined; at = parent.get(at)) {
    const { url } = nodes.get(at).callFrame;
    if (!url) continue;
    if (url.startsWith('node:')) {
      if (NODE_HTTP.test(url)) sawNodeHttp = true;
      continue;
    }
    const rule = RULES.find(([, pattern]) => pattern.test(url));
    bucket = rule ? rule[0] : `other: ${url.replace(/.*node_modules\//, '').split('/')[0]}`;
  }
  bucket ??= sawNodeHttp ? 'HTTP (Fastify, Node http, JSON)' : 'Node internals (timers, streams)';
  memo.set(id, bucket);
  return bucket;
}

// Sample times, then the window: the `windowSeconds` ending with the last sample that ran the hot
// route's code (PROFILE_MARKER, a regular expression on script URLs; by default the actions service):
// the load stops there, and start-up and logins come before it whatever the machine's load.
const times = [];
let t = profile.startTime;
for (const delta of profile.timeDeltas) times.push((t += delta));
const busy = profile.samples.map((id) => bucketOf(id) !== 'idle');
const marker = new RegExp(process.env.PROFILE_MARKER ?? 'actions/actions\\.(service|controller)');
const marked = new Map();
const isMarked = (id) => {
  if (marked.has(id)) return marked.get(id);
  const node = nodes.get(id);
  const value = marker.test(node.callFrame.url) || (parent.has(id) && isMarked(parent.get(id)));
  marked.set(id, value);
  return value;
};
const lastHot = profile.samples.findLastIndex((id) => isMarked(id));
if (lastHot < 0) throw new Error(`no sample ran ${marker}: is this a profile of the ingest load?`);
const windowEnd = times[lastHot];
const inWindow = (i) => times[i] <= windowEnd && times[i] > windowEnd - windowUs;
const totals = new Map();
let total = 0;
times.forEach((_, i) => {
  if (!busy[i] || !inWindow(i)) return;
  const b = bucketOf(profile.samples[i]);
  totals.set(b, (totals.get(b) ?? 0) + 1);
  total++;
});
// PROFILE_DETAIL=<bucket prefix>: the most frequent innermost frames charged to that bucket.
const detail = process.env.PROFILE_DETAIL;
if (detail) {
  const stacks = new Map();
  for (let i = 0; i < times.length; i++) {
    const id = profile.samples[i];
    if (!inWindow(i) || !bucketOf(id).startsWith(detail)) continue;
    const frames = [];
    for (let at = id; at !== undefined && frames.length < 5; at = parent.get(at)) {
      const { functionName, url, lineNumber } = nodes.get(at).callFrame;
      frames.push(
        `${functionName || '(anonymous)'}@${url.replace(/.*node_modules\//, '').replace(/.*dist\//, '')}:${lineNumber}`,
      );
    }
    const key = frames.join(' < ');
    stacks.set(key, (stacks.get(key) ?? 0) + 1);
  }
  for (const [key, n] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 25))
    process.stdout.write(`${String(n).padStart(6)}  ${key}\n`);
}
const scale = msArg ? Number(msArg) / total : null;
const rows = [...totals].sort((a, b) => b[1] - a[1]);
process.stdout.write(`${total} busy samples in the ${windowUs / 1e6} s before the load stopped\n`);
for (const [name, n] of rows) {
  const share = ((100 * n) / total).toFixed(1).padStart(5);
  const ms = scale ? `  ${(n * scale).toFixed(3)} ms` : '';
  process.stdout.write(`${share} %${ms}  ${name}\n`);
}
