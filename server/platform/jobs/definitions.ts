// Typed job definitions: a name, a handler for its payload, and how it retries, expires and repeats.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/index.ts';

/** The log lines jobs write (the app's logger, or a worker's). */
export type JobLog = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

/** What a handler gets besides its payload. */
export interface JobContext {
  jobId: string;
  /** 0 on the first attempt, then 1, 2, … on retries. */
  attempt: number;
  /** Aborted when the job expires or the worker stops: long handlers should stop early. */
  signal: AbortSignal;
  log: JobLog;
}

export interface JobDefinition<Payload extends object = object> {
  /** Unique queue name: letters, digits, `_ - . /`, e.g. `records.purge`. */
  name: string;
  handler: (payload: Payload, context: JobContext) => Promise<void>;
  /** Retries after the first failure before the job is dead (default 2). */
  retryLimit?: number;
  /** Seconds before a retry (default 0; 1 when backing off). */
  retryDelaySeconds?: number;
  /** Doubles the delay on each retry, with jitter. */
  retryBackoff?: boolean;
  /** Upper bound of a backed-off delay, in seconds. */
  retryDelayMaxSeconds?: number;
  /** Seconds a job may run before it counts as lost and is retried (default 900). */
  expireInSeconds?: number;
  /** At most one job of this kind is queued or running at a time; more enqueues are dropped. */
  isSingleton?: boolean;
  /** A cron expression (UTC): the job is enqueued on it, once across all processes. */
  schedule?: string;
  /** The payload of scheduled runs. */
  schedulePayload?: Payload;
  /**
   * Also enqueued (with `schedulePayload`) whenever a working process starts, so that work a killed
   * process left behind is picked up at once instead of at the next scheduled run. A singleton start-up job would wait for one that a killed process left active.
   */
  isRunAtStart?: boolean;
  /** Jobs one worker fetches per poll (default 10); each still succeeds or fails on its own. */
  batchSize?: number;
  /**
   * How often an idle worker looks for this job, in seconds: 2 by default, 10 for a job with a
   * schedule (cron runs are minutes apart, and ~20 queues polled every 2 s kept an idle server busy).
   */
  pollingIntervalSeconds?: number;
}

/** How often an idle worker polls a queue when its definition does not say (see `pollingIntervalSeconds`). */
export function pollingIntervalOf(definition: JobDefinition<any>): number {
  return definition.pollingIntervalSeconds ?? (definition.schedule ? 10 : 2);
}

/** Declares a job; the type parameter is the payload every enqueue of it must carry. */
export function defineJob<Payload extends object>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  if (!/^[\w.\-/]+$/.test(definition.name)) throw new Error(`Job name "${definition.name}" may use letters, digits, _ - . / only.`);
  return definition;
}

/**
 * A job on a cron schedule (UTC), run once across all processes: one at a time, retried three times
 * with a backed-off delay (five minutes at first), counted lost after an hour. Given fields win.
 */
export function defineScheduledJob(definition: JobDefinition<Record<string, never>> & { schedule: string }): JobDefinition<Record<string, never>> {
  return defineJob({ isSingleton: true, retryLimit: 3, retryBackoff: true, retryDelaySeconds: 300, expireInSeconds: 3600, ...definition });
}

export interface EnqueueOptions {
  /** Run no earlier than this time, or after this many seconds. */
  startAfter?: Date | number;
  /** With a singleton job: one queued or running job per key instead of one in all. */
  singletonKey?: string;
  priority?: number;
  /**
   * A transaction handle (`db.transaction(async (tx) => …)`): the job is enqueued in it, so it exists
   * only if the caller's writes commit. Inside a transaction on PGlite this is also the only way:
   * the outer handle would wait for the transaction to end.
   */
  tx?: Database;
}
