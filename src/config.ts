import { z } from 'zod';
import { resolve } from 'node:path';
import { availableParallelism, networkInterfaces } from 'node:os';
import type { MediaConfig } from './media/index.ts';

// Environment → typed config. Read once at start (main.ts) and passed down; features never
// read process.env themselves, so tests build apps from plain objects.
const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  TRUST_PROXY: boolean.default(false),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SEED_DEMO: boolean.optional(),
  ECABINET_DEMO_PASSWORD: z.string().min(4).default('demo1234'),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  LOGIN_FREE_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_ADDRESS_FREE_FAILURES: z.coerce.number().int().positive().default(50),
  LOGIN_MAX_BACKOFF_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
  WEB_DIST_DIR: z.string().min(1).default('./web/dist'),
  METRICS_TOKEN: z.string().min(16).optional(),
  DEV_PKI: boolean.optional(),
  TSA_URL: z.url().optional(),
  TRUST_ANCHORS_FILE: z.string().min(1).optional(),
  SIGNING_KEY_FILE: z.string().min(1).optional(),
  MEDIA_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  MEDIA_LISTEN_IP: z.union([z.ipv4(), z.ipv6()]).default('0.0.0.0'),
  MEDIA_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
  MEDIA_PORT: z.coerce.number().int().min(0).max(65535).default(40000),
  MEDIA_CONSUMERS_PER_WORKER: z.coerce.number().int().min(1).default(400),
  MEDIA_THUMBNAILS_PER_PAGE: z.coerce.number().int().min(0).max(49).default(6),
  MEDIA_AUDIBLE_SPEAKERS: z.coerce.number().int().min(1).max(16).default(2),
  MEDIA_RECONNECT_GRACE_SECONDS: z.coerce.number().min(0).max(300).default(15),
  MEDIA_IDLE_ROOM_SECONDS: z.coerce.number().min(0.1).max(3600).default(60),
  // Fractions are allowed so tests can refuse small files; 2047 keeps a size within 31 bits.
  DOCUMENT_MAX_MB: z.coerce.number().positive().max(2047).default(50),
  SIGNING_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** How often overdue signing steps are looked for (their signers reminded once). */
  WORKFLOW_REMINDER_SECONDS: z.coerce.number().positive().max(86_400).default(300),
  /** Tests only (ignored in production): wait this long between signing and storing, to aim a kill -9. */
  WORKFLOW_TEST_STORE_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Seed the demo tree and accounts into an empty database at start. */
  seedDemo: boolean;
  demoPassword: string;
  sessionTtlMs: number;
  login: {
    /** Requests per account and address per minute, whatever their outcome. */
    ratePerMinute: number;
    /** Failed sign-ins from one address for one account before that pair backs off. */
    freeFailures: number;
    /** Failed sign-ins from one address across all accounts before the address backs off. */
    addressFreeFailures: number;
    /** The longest wait the back-off imposes. */
    maxBackoffMs: number;
  };
  webDistDir: string;
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** Development PKI directory (CA, CRL, TSA, demo signers); undefined in production. */
  devPkiDir: string | undefined;
  /** RFC 3161 timestamp authority for B-T and B-LT; the development TSA by default. */
  tsaUrl: string | undefined;
  /** PEM file of further root certificates published as trust anchors (a real CA's). */
  trustAnchorsFile: string | undefined;
  /**
   * The server's key-encryption key for signing keys (seals, TOTP secrets, a pepper on PIN-
   * protected keys): a file outside the database, made on first start when absent.
   */
  signingKeyFile: string;
  media: MediaConfig;
  documents: {
    /** Uploads larger than this are refused (`document.too_large`). */
    maxBytes: number;
  };
  /** Worker threads for the PDF work of the signing engine (upload checks, signatures). */
  signingWorkers: number;
  workflow: {
    /** Interval of the overdue-step sweep. */
    reminderIntervalMs: number;
    /** Tests only: a pause between signing and storing a version (the crash test aims a kill -9 there). */
    testStoreDelayMs: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  // A production server never invents demo accounts; elsewhere an empty embedded database is
  // seeded so the quick start shows something.
  if (production && e.SEED_DEMO) {
    throw new ConfigError('Invalid configuration:\n  SEED_DEMO: must not be true when NODE_ENV=production');
  }
  const seedDemo = production ? false : (e.SEED_DEMO ?? e.DATABASE_URL === undefined);
  if (production && e.DEV_PKI) {
    throw new ConfigError('Invalid configuration:\n  DEV_PKI: a development PKI must not run when NODE_ENV=production');
  }
  const devPki = production ? false : (e.DEV_PKI ?? true);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    trustProxy: e.TRUST_PROXY,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    seedDemo,
    demoPassword: e.ECABINET_DEMO_PASSWORD,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    login: {
      ratePerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
      freeFailures: e.LOGIN_FREE_FAILURES,
      addressFreeFailures: e.LOGIN_ADDRESS_FREE_FAILURES,
      maxBackoffMs: e.LOGIN_MAX_BACKOFF_MINUTES * 60_000,
    },
    webDistDir: resolve(e.WEB_DIST_DIR),
    metricsToken: e.METRICS_TOKEN,
    devPkiDir: devPki ? resolve(e.DATA_DIR, 'pki') : undefined,
    tsaUrl: e.TSA_URL ?? (devPki ? `${publicUrl}/tsa` : undefined),
    trustAnchorsFile: e.TRUST_ANCHORS_FILE ? resolve(e.TRUST_ANCHORS_FILE) : undefined,
    signingKeyFile: resolve(e.SIGNING_KEY_FILE ?? resolve(e.DATA_DIR, 'keys', 'signing.kek')),
    media: {
      workers: e.MEDIA_WORKERS ?? availableParallelism(),
      listenIp: e.MEDIA_LISTEN_IP,
      announcedAddress: e.MEDIA_ANNOUNCED_ADDRESS ?? defaultAnnouncedAddress(e.MEDIA_LISTEN_IP),
      port: e.MEDIA_PORT,
      consumersPerWorker: e.MEDIA_CONSUMERS_PER_WORKER,
      thumbnailsPerPage: e.MEDIA_THUMBNAILS_PER_PAGE,
      audibleSpeakers: e.MEDIA_AUDIBLE_SPEAKERS,
      reconnectGraceMs: e.MEDIA_RECONNECT_GRACE_SECONDS * 1000,
      idleRoomMs: e.MEDIA_IDLE_ROOM_SECONDS * 1000,
    },
    documents: { maxBytes: Math.floor(e.DOCUMENT_MAX_MB * 1024 * 1024) },
    // One fewer than the cores (at least one): the event loop keeps a core for meetings.
    signingWorkers: e.SIGNING_WORKERS ?? Math.max(1, availableParallelism() - 1),
    workflow: {
      reminderIntervalMs: e.WORKFLOW_REMINDER_SECONDS * 1000,
      testStoreDelayMs: e.NODE_ENV === 'production' ? 0 : e.WORKFLOW_TEST_STORE_DELAY_MS,
    },
  };
}

/**
 * A specific listen address is also the announced one; for "any address" the machine's first
 * non-internal IPv4 (what tablets on the LAN reach), else loopback.
 */
function defaultAnnouncedAddress(listenIp: string): string {
  if (listenIp !== '0.0.0.0' && listenIp !== '::') return listenIp;
  for (const addresses of Object.values(networkInterfaces())) {
    const found = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (found) return found.address;
  }
  return '127.0.0.1';
}

// `PORT=` in a shell means "unset", not "the empty string".
function stripEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
