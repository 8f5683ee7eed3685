// Gives memory back once a busy server goes quiet. Under load V8 promotes request garbage to the old
// generation and, without a full collection, keeps it and the freed pages resident: a server stays
// at its peak for as long as it stays idle. A memory-reducing collection (what V8 runs before an
// out-of-memory) releases them, but blocks the event loop for a few hundred ms, so it runs only after
// `idleMs` without requests, and only when RSS has grown since the last one; and once at start.
import type { FastifyInstance } from 'fastify';

export interface IdleMemoryOptions {
  /** Runs the collection; V8's `gc` (exposed by `--expose-gc`, which bin/guanxi passes) by default. */
  collect?: () => void;
  /** Quiet time before collecting. */
  idleMs?: number;
  /** Collect when RSS has grown by this fraction since the last collection (or since start). */
  growth?: number;
  readRss?: () => number;
}

type ExposedGc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/** The memory-reducing collection, when Node runs with `--expose-gc`; undefined otherwise. */
function exposedCollection(): (() => void) | undefined {
  const gc = (globalThis as { gc?: ExposedGc }).gc;
  return gc && (() => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' }));
}

/** Collects garbage after a quiet spell following growth; returns false when no collector is available. */
export function releaseMemoryWhenIdle(app: FastifyInstance, options: IdleMemoryOptions = {}): boolean {
  const { collect = exposedCollection(), idleMs = 10_000, growth = 0.1, readRss = () => process.memoryUsage.rss() } = options;
  if (!collect) return false;
  let lastActivity = performance.now();
  let baseline = readRss();
  const touch = async () => {
    lastActivity = performance.now();
  };
  // Start-up (compiling every module, migrations, loading definitions) leaves garbage like a load does.
  app.addHook('onListen', async () => {
    collect();
    baseline = readRss();
  });
  app.addHook('onRequest', touch);
  app.addHook('onResponse', touch);
  const timer = setInterval(() => {
    if (performance.now() - lastActivity < idleMs || readRss() < baseline * (1 + growth)) return;
    collect();
    baseline = readRss();
  }, idleMs / 2);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
  return true;
}
