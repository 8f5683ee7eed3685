// The server's resident memory as an operator sees it: starts the real `guanxi serve` (bin/guanxi,
// with its Node flags) as its own process on the benchmark database (PostgreSQL or PGlite), reads its RSS idle, at its peak
// under load and again after a pause — so the load generator and the raw-SQL baseline are not counted.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { runInWorker, type LoadRequest, type LoadStats } from './load.ts';

export interface MemoryFigures {
  idleMB: number;
  loadPeakMB: number;
  afterMB: number;
  afterSeconds: number;
  loadSeconds: number;
  connections: number;
  /** The load itself as this server (with bin/guanxi's Node flags) answered it. */
  load: LoadStats;
}

const SAMPLE_MS = 200;

/** Resident set size of a process in MB (Linux /proc). */
function readRssMB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Math.round(Number(match[1]) / 1024);
}

async function findFreePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitForHealth(url: string, child: { exitCode: number | null }): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const response = await fetch(`${url}/api/v1/health`).catch(() => undefined);
    if (response?.ok) return;
    await sleep(100);
  }
  throw new Error('the server did not start within 60 s');
}

function databaseEnv(database: { databaseUrl: string } | { dataDir: string }): NodeJS.ProcessEnv {
  return 'databaseUrl' in database ? { DATABASE_URL: database.databaseUrl } : { DATABASE_URL: '', GUANXI_DATA_DIR: database.dataDir };
}

/**
 * Runs `guanxi serve` on a PostgreSQL database or a PGlite data directory (which no other process may
 * have open) and measures its RSS idle, under load and after it.
 */
export async function measureServerMemory(options: {
  database: { databaseUrl: string } | { dataDir: string };
  token: string;
  requests: LoadRequest[];
  connections: number;
  loadSeconds: number;
  afterSeconds: number;
}): Promise<MemoryFigures> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(new URL('../bin/guanxi', import.meta.url).pathname, ['serve'], {
    env: { ...process.env, ...databaseEnv(options.database), PORT: String(port), HOST: '127.0.0.1', GUANXI_DEMO: 'false', LOG_LEVEL: 'warn', GUANXI_API_KEY_RATE_LIMIT: '1000000000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHealth(url, child);
    await sleep(2000); // let start-up garbage settle, as an idle server would
    const idleMB = readRssMB(child.pid!);
    let loadPeakMB = idleMB;
    const sampler = setInterval(() => (loadPeakMB = Math.max(loadPeakMB, readRssMB(child.pid!))), SAMPLE_MS);
    let load: LoadStats;
    try {
      const headers = { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' };
      load = await runInWorker({ url, requests: options.requests, connections: options.connections, headers, duration: options.loadSeconds });
    } finally {
      clearInterval(sampler);
    }
    await sleep(options.afterSeconds * 1000);
    const afterMB = readRssMB(child.pid!);
    return { idleMB, loadPeakMB, afterMB, afterSeconds: options.afterSeconds, loadSeconds: options.loadSeconds, connections: options.connections, load };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}
