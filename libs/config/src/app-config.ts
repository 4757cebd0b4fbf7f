import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema, type RawConfig } from './config.schema.js';
import { parseRedisClusterNodes, type RedisClusterConfig } from './redis-cluster.js';
import { secretProblems } from './secret-strength.js';

export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  /** Which process this is; set by the entry point, not the environment. */
  role: 'api' | 'worker';
  isProduction: boolean;
  http: {
    host: string;
    port: number;
    requestLogs: boolean;
    metricsToken?: string;
    /** Addresses and CIDRs of reverse proxies whose X-Forwarded-For is believed; empty: none. */
    trustedProxies: string[];
    /** Absolute path of the built admin console served under /console/. */
    consoleDir: string;
    /** Absolute path of the mini-program's H5 build served under /m/. */
    miniprogramDir: string;
    /** The API origin the weapp build calls (the H5 build calls its own origin). */
    miniprogramApiBaseUrl: string;
  };
  logLevel: RawConfig['LOG_LEVEL'];
  database: { url: string; explicit: boolean; poolSize: number; read?: ReadReplicaConfig };
  redis: {
    url: string;
    /** Set by REDIS_CLUSTER_NODES: every client is an ioredis Cluster and keys are hash-tagged. */
    cluster?: RedisClusterConfig;
    queuePrefix: string;
  };
  auth: { jwtSecret: string; jwtTtlSeconds: number; openidPepper: string };
  admin: { bootstrapUsername?: string; bootstrapPassword?: string; jwtTtlSeconds: number };
  partners: { secretKey: Buffer; clockSkewSeconds: number };
  webhooks: {
    attempts: number;
    backoffMs: number;
    timeoutMs: number;
    /** Private destinations allowed anyway: lower-case host names, addresses and CIDRs. */
    allowedHosts: string[];
    /** Production sends webhooks over https only. */
    httpsOnly: boolean;
  };
  rateLimits: {
    citizenPerMinute: number;
    partnerPerMinute: number;
    anonymousPerMinute: number;
    adminLoginPerMinute: number;
  };
  wechat: {
    adapter: 'wechat' | 'dev';
    appId: string;
    appSecret: string;
    baseUrl: string;
    timeoutMs: number;
    /** Encrypts citizens' WeChat session keys at rest (AES-256-GCM); they decrypt WeRun data. */
    sessionKeySecret: Buffer;
    sessionKeyTtlSeconds: number;
  };
  citizens: { defaultDistrictCode: string };
  /** 出具单位: who issues retirement certificates (the bureau's name), printed on each one. */
  certificates: { issuer: string };
  /** Whether organisations' settled actions also issue points (to the organisation's points record). */
  organisations: { points: 'none' | 'credited' };
  worker: {
    batchSize: number;
    /** Settlement lanes: disjoint citizen sets with their own shard of the issuance and pool accounts. */
    settlementLanes: number;
    concurrency: number;
    sweepIntervalMs: number;
    sweepStaleAfterMs: number;
    expiryIntervalMs: number;
    reconcileIntervalMs: number;
    leaderboardRebuildIntervalMs: number;
    /** How often the worker checks that the leaderboards are still in Redis. */
    leaderboardCheckIntervalMs: number;
    reportCompactIntervalMs: number;
  };
  /** Boot: how long to wait for PostgreSQL and Redis, retrying with exponential backoff and jitter. */
  startup: StartupWaitConfig;
}

/** Exponential backoff with jitter between `initialMs` and `maxMs`, for at most `maxWaitMs` in all. */
export interface StartupWaitConfig {
  maxWaitMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
}

/** The standby reads may go to (DATABASE_READ_URL) and how stale it may be before they go to the primary. */
export interface ReadReplicaConfig {
  url: string;
  poolSize: number;
  /** Beyond this lag (or when the standby does not answer) reads fall back to the primary. */
  maxLagMs: number;
  /** How long one measurement of the lag is reused. */
  checkIntervalMs: number;
  connectTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/carbon';
// Only ever used outside production; production refuses to start without real secrets.
const LOCAL_ONLY_SECRET = 'local-development-secret-not-for-production-use';
const LOCAL_ONLY_PARTNER_KEY = '6c6f63616c2d6f6e6c792d706172746e65722d6b65792d6e6f742d70726f6421';
const LOCAL_ONLY_SESSION_KEY_SECRET = '6c6f63616c2d6f6e6c792d73657373696f6e2d6b65792d6e6f742d70726f6421';

/**
 * The directory holding package.json, found from this file whether it runs from source or from dist,
 * so that default paths do not depend on the directory the process was started in.
 */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** Parses and checks the environment once; throws a ConfigError naming every bad or missing variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (VAR= in a .env file) means "not set", so its default applies.
  const given = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = configSchema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === 'production';
  const adapter = raw.WECHAT_ADAPTER ?? (isProduction ? 'wechat' : 'dev');

  if (isProduction) {
    const problems: string[] = [];
    const required: (keyof RawConfig)[] = [
      'DATABASE_URL',
      'JWT_SECRET',
      'OPENID_PEPPER',
      'PARTNER_SECRET_KEY',
      'WECHAT_APP_ID',
      'WECHAT_APP_SECRET',
      'WECHAT_SESSION_KEY_SECRET',
    ];
    for (const name of required) {
      if (!raw[name]) problems.push(`${name} is required when NODE_ENV=production`);
    }
    // The scrape answers queue sizes and error rates: not for anyone who finds the port.
    if (!raw.METRICS_TOKEN) problems.push('METRICS_TOKEN is required when NODE_ENV=production');
    problems.push(
      ...secretProblems([
        { name: 'JWT_SECRET', value: raw.JWT_SECRET, minBits: 128 },
        { name: 'OPENID_PEPPER', value: raw.OPENID_PEPPER, minBits: 128 },
        { name: 'PARTNER_SECRET_KEY', value: raw.PARTNER_SECRET_KEY, minBits: 128 },
        { name: 'METRICS_TOKEN', value: raw.METRICS_TOKEN, minBits: 64 },
        { name: 'WECHAT_SESSION_KEY_SECRET', value: raw.WECHAT_SESSION_KEY_SECRET, minBits: 128 },
        // Chosen elsewhere (WeChat, a person): only never the same as one of ours.
        { name: 'WECHAT_APP_SECRET', value: raw.WECHAT_APP_SECRET, minBits: 0 },
        { name: 'ADMIN_BOOTSTRAP_PASSWORD', value: raw.ADMIN_BOOTSTRAP_PASSWORD, minBits: 0 },
      ]),
    );
    if (!given.REDIS_URL && !raw.REDIS_CLUSTER_NODES)
      problems.push('REDIS_URL (or REDIS_CLUSTER_NODES) is required when NODE_ENV=production');
    if (adapter === 'dev') problems.push('WECHAT_ADAPTER=dev is refused when NODE_ENV=production');
    if (problems.length) throw new ConfigError(problems);
  }
  if (Boolean(raw.ADMIN_BOOTSTRAP_USERNAME) !== Boolean(raw.ADMIN_BOOTSTRAP_PASSWORD)) {
    throw new ConfigError(['ADMIN_BOOTSTRAP_USERNAME and ADMIN_BOOTSTRAP_PASSWORD go together']);
  }
  const cluster = raw.REDIS_CLUSTER_NODES ? parseRedisClusterNodes(raw.REDIS_CLUSTER_NODES) : undefined;
  if (typeof cluster === 'string') throw new ConfigError([cluster]);
  if (raw.STARTUP_RETRY_INITIAL_MS > raw.STARTUP_RETRY_MAX_MS) {
    throw new ConfigError(['STARTUP_RETRY_INITIAL_MS must not exceed STARTUP_RETRY_MAX_MS']);
  }
  if (adapter === 'wechat' && (!raw.WECHAT_APP_ID || !raw.WECHAT_APP_SECRET)) {
    throw new ConfigError(['WECHAT_APP_ID and WECHAT_APP_SECRET are required when WECHAT_ADAPTER=wechat']);
  }

  return {
    env: raw.NODE_ENV,
    role: 'api',
    isProduction,
    http: {
      host: raw.HOST,
      port: raw.PORT,
      requestLogs: raw.HTTP_REQUEST_LOGS,
      metricsToken: raw.METRICS_TOKEN,
      trustedProxies: raw.TRUSTED_PROXIES,
      // A relative CONSOLE_DIR is relative to the package root too, like the default.
      consoleDir: resolve(packageRoot(), raw.CONSOLE_DIR ?? 'dist/console'),
      miniprogramDir: resolve(packageRoot(), raw.MINIPROGRAM_DIR ?? 'apps/miniprogram/dist/h5'),
      miniprogramApiBaseUrl: raw.MINIPROGRAM_API_BASE_URL,
    },
    logLevel: raw.LOG_LEVEL,
    database: {
      url: raw.DATABASE_URL ?? LOCAL_DATABASE_URL,
      explicit: Boolean(raw.DATABASE_URL),
      poolSize: raw.DATABASE_POOL_SIZE,
      read: raw.DATABASE_READ_URL
        ? {
            url: raw.DATABASE_READ_URL,
            poolSize: raw.DATABASE_READ_POOL_SIZE,
            maxLagMs: raw.READ_REPLICA_MAX_LAG_MS,
            checkIntervalMs: raw.READ_REPLICA_CHECK_INTERVAL_MS,
            connectTimeoutMs: raw.READ_REPLICA_CONNECT_TIMEOUT_MS,
          }
        : undefined,
    },
    redis: { url: raw.REDIS_URL, ...(cluster ? { cluster } : {}), queuePrefix: raw.QUEUE_PREFIX },
    auth: {
      jwtSecret: raw.JWT_SECRET ?? LOCAL_ONLY_SECRET,
      jwtTtlSeconds: raw.JWT_TTL_SECONDS,
      openidPepper: raw.OPENID_PEPPER ?? LOCAL_ONLY_SECRET,
    },
    admin: {
      bootstrapUsername: raw.ADMIN_BOOTSTRAP_USERNAME,
      bootstrapPassword: raw.ADMIN_BOOTSTRAP_PASSWORD,
      jwtTtlSeconds: raw.ADMIN_JWT_TTL_SECONDS,
    },
    partners: {
      // Encrypts partner API secrets at rest (AES-256-GCM); they must be recoverable to check HMACs.
      secretKey: Buffer.from(raw.PARTNER_SECRET_KEY ?? LOCAL_ONLY_PARTNER_KEY, 'hex'),
      clockSkewSeconds: raw.PARTNER_CLOCK_SKEW_SECONDS,
    },
    rateLimits: {
      citizenPerMinute: raw.RATE_LIMIT_CITIZEN_PER_MINUTE,
      partnerPerMinute: raw.RATE_LIMIT_PARTNER_PER_MINUTE,
      anonymousPerMinute: raw.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      adminLoginPerMinute: raw.RATE_LIMIT_ADMIN_LOGIN_PER_MINUTE,
    },
    webhooks: {
      attempts: raw.WEBHOOK_ATTEMPTS,
      backoffMs: raw.WEBHOOK_BACKOFF_MS,
      timeoutMs: raw.WEBHOOK_TIMEOUT_MS,
      allowedHosts: raw.WEBHOOK_ALLOWED_HOSTS,
      httpsOnly: isProduction,
    },
    wechat: {
      adapter,
      appId: raw.WECHAT_APP_ID ?? '',
      appSecret: raw.WECHAT_APP_SECRET ?? '',
      baseUrl: raw.WECHAT_API_BASE_URL,
      timeoutMs: raw.WECHAT_TIMEOUT_MS,
      sessionKeySecret: Buffer.from(raw.WECHAT_SESSION_KEY_SECRET ?? LOCAL_ONLY_SESSION_KEY_SECRET, 'hex'),
      sessionKeyTtlSeconds: raw.WECHAT_SESSION_KEY_TTL_SECONDS,
    },
    citizens: { defaultDistrictCode: raw.DEFAULT_DISTRICT_CODE },
    certificates: { issuer: raw.CERTIFICATE_ISSUER },
    organisations: { points: raw.ORGANISATION_POINTS },
    worker: {
      batchSize: raw.SETTLEMENT_BATCH_SIZE,
      settlementLanes: raw.SETTLEMENT_LANES,
      concurrency: raw.WORKER_CONCURRENCY,
      sweepIntervalMs: raw.SWEEP_INTERVAL_MS,
      sweepStaleAfterMs: raw.SWEEP_STALE_AFTER_MS,
      expiryIntervalMs: raw.EXPIRY_INTERVAL_MS,
      reconcileIntervalMs: raw.RECONCILE_INTERVAL_MS,
      leaderboardRebuildIntervalMs: raw.LEADERBOARD_REBUILD_INTERVAL_MS,
      leaderboardCheckIntervalMs: raw.LEADERBOARD_CHECK_INTERVAL_MS,
      reportCompactIntervalMs: raw.REPORT_COMPACT_INTERVAL_MS,
    },
    startup: {
      maxWaitMs: raw.STARTUP_MAX_WAIT_MS,
      retryInitialMs: raw.STARTUP_RETRY_INITIAL_MS,
      retryMaxMs: raw.STARTUP_RETRY_MAX_MS,
    },
  };
}

/** For process entry points: a bad configuration prints what is wrong and exits instead of a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
