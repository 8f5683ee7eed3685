// Load generation in a worker thread, so autocannon does not share the event loop of the servers it
// measures. Latency percentiles come from every response time (autocannon's own summary has no p95).
import { parentPort, Worker, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

export interface LoadRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: string;
}

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  /** Sent in turn, round and round, one per request. */
  requests: LoadRequest[];
  connections: number;
  /** Seconds. */
  duration: number;
}

export interface LoadStats {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  /** Responses with a status other than 2xx, and connection errors or timeouts. */
  non2xx: number;
  errors: number;
  /** One response body that was not 2xx, to explain a failure. */
  sampleError?: string;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function runLoad(job: LoadJob): Promise<LoadStats> {
  let next = 0;
  const latencies: number[] = [];
  let sampleError: string | undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.duration,
        timeout: 20,
        headers: job.headers,
        requests: [
          {
            setupRequest: (request) => {
              const r = job.requests[next++ % job.requests.length]!;
              return { ...request, method: r.method, path: r.path, ...(r.body === undefined ? {} : { body: r.body }) };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const sorted = Float64Array.from(latencies).toSorted();
        const sum = latencies.reduce((a, b) => a + b, 0);
        resolve({
          requests: latencies.length,
          rps: Math.round(latencies.length / result.duration),
          p50: round(percentile(sorted, 50)),
          p95: round(percentile(sorted, 95)),
          p99: round(percentile(sorted, 99)),
          mean: round(sum / Math.max(1, latencies.length)),
          max: round(sorted.at(-1) ?? Number.NaN),
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          sampleError,
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      if ((status < 200 || status > 299) && !sampleError) sampleError = `HTTP ${status}`;
    });
  });
}

/** Runs one load job in a fresh worker thread and returns its statistics. */
export function runInWorker(job: LoadJob): Promise<LoadStats> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with ${code}`)));
  });
}

if (parentPort && workerData) {
  const port = parentPort;
  runLoad(workerData as LoadJob).then((stats) => port.postMessage(stats));
}
