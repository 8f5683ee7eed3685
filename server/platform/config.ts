// Configuration from the environment, read once. See README "Configuration".
import { join, resolve } from 'node:path';

/** Sign-in, sessions, MFA and throttling (docs/security.md). */
export interface AuthSettings {
  /** A web session ends after this many minutes without a request. */
  sessionIdleMinutes: number;
  /** A web session ends this many hours after sign-in, however active. */
  sessionMaxHours: number;
  /** Users without MFA may only enrol (and see who they are, or sign out) until they have it. */
  requireMfa: boolean;
  /** Failed sign-ins per account within the window before the account is locked for a window. */
  loginMaxFailures: number;
  /** Failed sign-ins from one IP address within the window before that address is locked. */
  loginMaxFailuresPerIp: number;
  loginWindowMinutes: number;
  /** Requests per minute allowed to one API key. */
  apiKeyRateLimit: number;
}

export interface MailSettings {
  /** smtp:// or smtps:// URL with credentials; without it no mail is sent. */
  smtpUrl?: string;
  from: string;
}

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL URL; when absent the embedded database in dataDir is used. */
  databaseUrl?: string;
  dataDir: string;
  /** Load the demo company on first start. */
  isDemoEnabled: boolean;
  logLevel: string;
  /** The address people use to reach Guanxi: links in e-mails start with it. */
  publicUrl: string;
  /** Fastify's trustProxy: true, a hop count, or addresses/CIDRs of the proxies to believe. */
  trustProxy: boolean | number | string;
  auth: AuthSettings;
  mail: MailSettings;
  files: FileSettings;
}

export interface FileSettings {
  /** Where attachment bytes are kept (GUANXI_FILES_DIR, or `files` in the data directory). */
  dir: string;
  /** The largest attachment accepted, in bytes. */
  maxBytes: number;
}

const isFalse = (value: string) => ['0', 'false', 'no', 'off'].includes(value.toLowerCase());
const isTrue = (value: string) => ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1, not "${raw}"`);
  return value;
}

function trustProxyFrom(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || isFalse(raw)) return false;
  if (isTrue(raw)) return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw; // comma-separated addresses or CIDR ranges
}

/** Reads the configuration from environment variables (with defaults for a laptop). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const host = env.HOST ?? '127.0.0.1';
  const publicUrl = (env.GUANXI_PUBLIC_URL || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+(\/\S*)?$/.test(publicUrl)) throw new Error(`GUANXI_PUBLIC_URL must be an http(s) URL, not "${publicUrl}"`);
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.GUANXI_DATA_DIR ?? './data'),
    isDemoEnabled: !isFalse(env.GUANXI_DEMO ?? 'true'),
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl,
    trustProxy: trustProxyFrom(env.GUANXI_TRUST_PROXY),
    auth: {
      sessionIdleMinutes: positiveInteger(env, 'GUANXI_SESSION_IDLE_MINUTES', 30),
      sessionMaxHours: positiveInteger(env, 'GUANXI_SESSION_MAX_HOURS', 12),
      requireMfa: isTrue(env.GUANXI_REQUIRE_MFA ?? 'false'),
      loginMaxFailures: positiveInteger(env, 'GUANXI_LOGIN_MAX_FAILURES', 5),
      loginMaxFailuresPerIp: positiveInteger(env, 'GUANXI_LOGIN_MAX_FAILURES_PER_IP', 20),
      loginWindowMinutes: positiveInteger(env, 'GUANXI_LOGIN_WINDOW_MINUTES', 15),
      apiKeyRateLimit: positiveInteger(env, 'GUANXI_API_KEY_RATE_LIMIT', 600),
    },
    files: {
      dir: resolve(env.GUANXI_FILES_DIR ?? join(env.GUANXI_DATA_DIR ?? './data', 'files')),
      maxBytes: positiveInteger(env, 'GUANXI_MAX_UPLOAD_MB', 25) * 1024 * 1024,
    },
    mail: {
      smtpUrl: env.SMTP_URL || undefined,
      from: env.MAIL_FROM || 'Guanxi <no-reply@localhost>',
    },
  };
}
