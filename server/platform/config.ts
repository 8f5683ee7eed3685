// Configuration from the environment, read once. See README "Configuration".
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL URL; when absent the embedded database in dataDir is used. */
  databaseUrl?: string;
  dataDir: string;
  /** Load the demo company on first start. */
  isDemoEnabled: boolean;
  logLevel: string;
}

/** Reads the configuration from environment variables (with defaults for a laptop). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.GUANXI_DATA_DIR ?? './data'),
    isDemoEnabled: !['0', 'false', 'no'].includes((env.GUANXI_DEMO ?? 'true').toLowerCase()),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
