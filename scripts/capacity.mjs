// Prints the derived tables of docs/capacity.md from its inputs. After a new bench run, change
// BENCH (and, if they change, the assumptions), run `node scripts/capacity.mjs` and paste the output
// over the tables under "Derived" in docs/capacity.md.

/** The bench's figures (npm run bench on the 2-core machine, quiet run). */
const BENCH = {
  bytesPerSettledAction: 4198,
  settlePerSecondOneWorker: 5473,
  settlePerSecondTwoWorkers: 8505,
  ingestPerSecond: 4397,
  ingestCores: 2,
};

/** Assumptions (docs/capacity.md says what each rests on). */
const ROWS_PER_ACTION = 9;
const PEAK_HOUR_SHARE = 0.15;
const BURST = 2;
const LIVE_YEARS = 3;
const REDIS_COMMANDS_PER_ACTION = 10;
const REDIS_OPS_PER_CORE = 100_000;
const BOARDS_PER_CITIZEN = 4;
const BYTES_PER_BOARD_MEMBER = 100;

const SCENARIOS = [
  { name: 'city, baseline', residents: 10e6, registered: 0.15, active: 0.2, perActive: 3 },
  { name: 'city, high', residents: 10e6, registered: 0.3, active: 0.5, perActive: 4 },
  { name: 'province, baseline', residents: 100e6, registered: 0.15, active: 0.2, perActive: 3 },
  { name: 'province, high', residents: 100e6, registered: 0.3, active: 0.5, perActive: 4 },
];

const n = (x, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
/** 1.2 M, 2.3 bn for counts; with `bytes`, 600 MB, 1.2 TB (decimal units). */
const big = (x, bytes = false) => {
  const [t, g, m] = bytes ? [' TB', ' GB', ' MB'] : [' T', ' bn', ' M'];
  if (x >= 1e12) return `${n(x / 1e12, 1)}${t}`;
  if (x >= 1e9) return `${n(x / 1e9, 1)}${g}`;
  if (x >= 1e6) return `${n(x / 1e6, 1)}${m}`;
  return n(x);
};
const pct = (x) => `${n(x * 100)} %`;

const rows = SCENARIOS.map((s) => {
  const registered = s.residents * s.registered;
  const participants = registered * s.active;
  const perDay = participants * s.perActive;
  const peak = (perDay * PEAK_HOUR_SHARE) / 3600;
  const burst = peak * BURST;
  const perYear = perDay * 365;
  const backlog = peak * 3600;
  const drain = (workers) =>
    backlog /
    ((workers === 1 ? BENCH.settlePerSecondOneWorker : BENCH.settlePerSecondTwoWorkers) - perDay / 86400);
  const cpuMsPerRequest = (BENCH.ingestCores * 1000) / BENCH.ingestPerSecond;
  return {
    ...s,
    registered,
    participants,
    perDay,
    average: perDay / 86400,
    peak,
    burst,
    rowsPerYear: perYear * ROWS_PER_ACTION,
    bytesPerYear: perYear * BENCH.bytesPerSettledAction,
    liveBytes: perYear * BENCH.bytesPerSettledAction * LIVE_YEARS,
    settleOne: peak / BENCH.settlePerSecondOneWorker,
    settleTwo: peak / BENCH.settlePerSecondTwoWorkers,
    drainOne: drain(1) / 60,
    drainTwo: drain(2) / 60,
    ingestCores: (burst * cpuMsPerRequest) / 1000,
    redisCores: (burst * REDIS_COMMANDS_PER_ACTION) / REDIS_OPS_PER_CORE,
    boardBytes: registered * BOARDS_PER_CITIZEN * BYTES_PER_BOARD_MEMBER,
  };
});

const table = (header, cells) => {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map((_, i) => (i ? '---:' : '---')).join(' | ')} |`);
  for (const r of rows) console.log(`| ${[r.name, ...cells(r)].join(' | ')} |`);
  console.log();
};

table(
  ['scale', 'registered', 'active a day', 'actions a day', 'average /s', 'peak hour /s', 'burst /s'],
  (r) => [big(r.registered), big(r.participants), big(r.perDay), n(r.average), n(r.peak), n(r.burst)],
);
table(['scale', 'rows a year', 'bytes a year', `live bytes (${LIVE_YEARS} years)`], (r) => [
  big(r.rowsPerYear),
  big(r.bytesPerYear, true),
  big(r.liveBytes, true),
]);
table(
  [
    'scale',
    'settlement at peak, 1 worker',
    '2 workers',
    '1 h peak backlog drained in (1 / 2 workers)',
    'ingest cores at burst',
    'Redis cores at burst',
    'leaderboard memory',
  ],
  (r) => [
    pct(r.settleOne),
    pct(r.settleTwo),
    `${n(r.drainOne, 1)} / ${n(r.drainTwo, 1)} min`,
    n(r.ingestCores, 2),
    n(r.redisCores, 2),
    big(r.boardBytes, true),
  ],
);
