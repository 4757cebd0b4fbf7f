import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** A comma-separated list; each entry is trimmed and checked, an empty list is the default. */
function commaList(check: (entry: string) => boolean, what: string) {
  return z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim().toLowerCase())
        .filter(Boolean),
    )
    .refine((entries) => entries.every(check), `each entry must be ${what}`);
}

const isAddressOrCidr = (entry: string) => ipaddr.isValid(entry) || ipaddr.isValidCIDR(entry);

/**
 * Every setting the service reads, with its local default. Defaults exist so that a fresh clone runs
 * against 127.0.0.1 with no configuration; in production the secrets below must be given explicitly.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HTTP_REQUEST_LOGS: z.stringbool().default(true),
  // Proxies whose X-Forwarded-For is believed; with none, the socket's address is the caller's.
  TRUSTED_PROXIES: commaList(isAddressOrCidr, 'an IP address or CIDR'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  // A streaming standby that reports, dashboards, exports, audits and leaderboard rebuilds read from.
  DATABASE_READ_URL: z.string().url().optional(),
  DATABASE_READ_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  READ_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(86_400_000).default(30_000),
  READ_REPLICA_CHECK_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  READ_REPLICA_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  // Seed nodes of a Redis Cluster (parsed in app-config); when set, REDIS_URL is not used.
  REDIS_CLUSTER_NODES: z.string().optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/)
    .default('carbon'),
  JWT_SECRET: z.string().min(32).optional(),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(86_400 * 30)
    .default(7_200),
  OPENID_PEPPER: z.string().min(32).optional(),
  WECHAT_ADAPTER: z.enum(['wechat', 'dev']).optional(),
  WECHAT_APP_ID: z.string().optional(),
  WECHAT_APP_SECRET: z.string().optional(),
  WECHAT_API_BASE_URL: z.string().url().default('https://api.weixin.qq.com'),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5_000),
  WECHAT_SESSION_KEY_SECRET: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be 32 bytes as 64 hex characters')
    .optional(),
  WECHAT_SESSION_KEY_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(86_400 * 3)
    .default(86_400),
  ADMIN_BOOTSTRAP_USERNAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,64}$/)
    .optional(),
  ADMIN_BOOTSTRAP_PASSWORD: z.string().min(12).optional(),
  ADMIN_JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3_600),
  PARTNER_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be 32 bytes as 64 hex characters')
    .optional(),
  PARTNER_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(1).max(3_600).default(300),
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(8),
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(2_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  // Intranet destinations a webhook may reach although they are private (host names and CIDRs).
  WEBHOOK_ALLOWED_HOSTS: commaList(
    (entry) => isAddressOrCidr(entry) || HOST_NAME.test(entry),
    'a host name, an IP address or a CIDR',
  ),
  RATE_LIMIT_CITIZEN_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_PARTNER_PER_MINUTE: z.coerce.number().int().min(1).default(6_000),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_ADMIN_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  METRICS_TOKEN: z
    .string()
    .min(16)
    .regex(/^[A-Za-z0-9\-._~+/]+=*$/, 'must be a bearer token: letters, digits and -._~+/ (then =)')
    .optional(),
  CONSOLE_DIR: z.string().optional(),
  MINIPROGRAM_DIR: z.string().optional(),
  CERTIFICATE_ISSUER: z.string().trim().min(1).max(100).default('山东省碳普惠平台'),
  // Program setting (issue 15): organisations earn a 碳普惠 record, and consumer points only when 'credited'.
  ORGANISATION_POINTS: z.enum(['none', 'credited']).default('none'),
  // The API origin baked into the weapp build (WeChat wants an https origin on its request allow-list).
  MINIPROGRAM_API_BASE_URL: z
    .string()
    .url()
    .regex(/^https?:\/\/[^/?#]+$/, 'must be an origin: scheme and host, no path')
    .default('http://127.0.0.1:3000'),
  DEFAULT_DISTRICT_CODE: z
    .string()
    .regex(/^37\d{4}$/)
    .default('370102'),
  SETTLEMENT_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1_000),
  /** Lanes settle in parallel; more lanes than workers leaves room, more workers than lanes idles some. */
  SETTLEMENT_LANES: z.coerce.number().int().min(1).max(64).default(4),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(50),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  SWEEP_STALE_AFTER_MS: z.coerce.number().int().min(0).default(60_000),
  REPORT_COMPACT_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  EXPIRY_INTERVAL_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1_000).default(600_000),
  LEADERBOARD_REBUILD_INTERVAL_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  // How often a worker checks that the leaderboards are still in Redis (rebuilt at once when not).
  LEADERBOARD_CHECK_INTERVAL_MS: z.coerce.number().int().min(500).max(3_600_000).default(10_000),
  // Boot: how long a process waits for PostgreSQL and Redis (0: one try), and its retry backoff.
  STARTUP_MAX_WAIT_MS: z.coerce.number().int().min(0).max(3_600_000).default(300_000),
  STARTUP_RETRY_INITIAL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  STARTUP_RETRY_MAX_MS: z.coerce.number().int().min(10).max(300_000).default(15_000),
});

export type RawConfig = z.infer<typeof configSchema>;
