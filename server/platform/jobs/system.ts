// The job system: one pg-boss instance per process over the app's database. Every process can
// enqueue; a working process also runs handlers, schedules and the expiry supervisor. pg-boss claims
// jobs with SELECT … FOR UPDATE SKIP LOCKED, so several processes on one PostgreSQL run each job once.
import { PgBoss, type Job, type JobResult, type Queue } from 'pg-boss';
import type { Database } from '../db/index.ts';
import { bossDatabaseFor, bossTransactionFor } from './adapter.ts';
import { pollingIntervalOf, type EnqueueOptions, type JobDefinition, type JobLog } from './definitions.ts';

/** pg-boss keeps its tables in this PostgreSQL schema. */
export const JOBS_SCHEMA = 'pgboss';

export interface JobSystemOptions {
  /** Run handlers, schedules and expiry here (a worker or `serve`); false only enqueues (API only). */
  isWorking: boolean;
  log: JobLog;
  /** How often every idle worker looks for jobs, overriding each definition's (tests and the benchmark go lower). */
  pollingIntervalSeconds?: number;
  /** How often expired jobs are looked for (default 60 s). */
  superviseIntervalSeconds?: number;
}

export interface JobSystem {
  readonly isWorking: boolean;
  /** Adds job definitions: creates their queues and schedules and, when working, starts their workers. */
  registerJobs(definitions: readonly JobDefinition<any>[]): Promise<void>;
  /** Enqueues a job; null when a singleton job of that kind (or key) is already queued or running. */
  enqueue<P extends object>(job: JobDefinition<P>, payload: P, options?: EnqueueOptions): Promise<string | null>;
  /** The pg-boss instance, for the admin service and tests. */
  readonly boss: PgBoss;
  /** Stops workers (letting running handlers finish within `timeoutMs`) and timers. */
  stop(timeoutMs?: number): Promise<void>;
}

function queueOptionsOf(definition: JobDefinition<any>): Omit<Queue, 'name'> {
  return {
    policy: definition.isSingleton ? 'exclusive' : 'standard',
    retryLimit: definition.retryLimit ?? 2,
    retryDelay: definition.retryDelaySeconds ?? (definition.retryBackoff ? 1 : 0),
    retryBackoff: definition.retryBackoff ?? false,
    ...(definition.retryDelayMaxSeconds !== undefined ? { retryDelayMax: definition.retryDelayMaxSeconds } : {}),
    expireInSeconds: definition.expireInSeconds ?? 900,
    // Sending an on-demand job NOTIFYs (in the sending transaction), so an idle worker starts it at
    // once: someone is waiting for it. Not for cron jobs: a NOTIFY makes enqueueing ~40% slower.
    notify: !definition.schedule,
  };
}

/** How a worker fetches a definition's jobs; a process-wide polling interval overrides the definition's. */
export function workOptionsOf(definition: JobDefinition<any>, processPollingIntervalSeconds?: number) {
  const pollingIntervalSeconds = processPollingIntervalSeconds ?? pollingIntervalOf(definition);
  return {
    batchSize: definition.batchSize ?? 10,
    perJobResults: true as const,
    // While fetches come back full, fetch again at once instead of waiting for the next poll.
    burstWhenBatchFull: true,
    pollingIntervalSeconds,
    // Woken by NOTIFY, a worker still polls as often: a retry after its delay sends no notification.
    notifyPollingIntervalSeconds: pollingIntervalSeconds,
  };
}

/** Starts pg-boss over `db` (creating or migrating its schema) and returns the job system. */
export async function createJobSystem(db: Database, options: JobSystemOptions): Promise<JobSystem> {
  const { isWorking, log } = options;
  const boss = new PgBoss({
    db: bossDatabaseFor(db),
    backend: db.kind === 'embedded' ? 'pglite' : 'postgres',
    schema: JOBS_SCHEMA,
    // Only working processes supervise and schedule; an API-only process merely enqueues.
    supervise: isWorking,
    schedule: isWorking,
    // Expired (lost) jobs are found by the monitor step of supervision, which has its own interval.
    superviseIntervalSeconds: options.superviseIntervalSeconds ?? 60,
    monitorIntervalSeconds: options.superviseIntervalSeconds ?? 60,
    registerInstance: false,
    // Working processes LISTEN for new jobs (one connection of their own on PostgreSQL).
    useListenNotify: isWorking,
    openTelemetry: { enabled: false },
  });
  boss.on('error', (error) => log.error({ err: error }, 'job system error'));
  await boss.start();
  const definitions = new Map<string, JobDefinition<any>>();

  const startWorker = async (definition: JobDefinition<any>) => {
    const runOne = async (job: Job<object>): Promise<JobResult> => {
      try {
        await definition.handler(job.data ?? {}, { jobId: job.id, attempt: job.retryCount, signal: job.signal, log });
        return { id: job.id, status: 'completed' };
      } catch (error) {
        log.warn({ err: error, job: definition.name, jobId: job.id, attempt: job.retryCount }, 'job failed');
        const message = error instanceof Error ? error.message : String(error);
        return { id: job.id, status: 'failed', output: { message: message.slice(0, 2000) } };
      }
    };
    await boss.work<object>(
      definition.name,
      workOptionsOf(definition, options.pollingIntervalSeconds),
      async (jobs: Job<object>[]) => Promise.all(jobs.map(runOne)),
    );
  };

  const system: JobSystem = {
    isWorking,
    boss,
    async registerJobs(list) {
      for (const definition of list) {
        if (definitions.has(definition.name)) throw new Error(`The job "${definition.name}" is registered twice.`);
        definitions.set(definition.name, definition);
        // Creating is a no-op when the queue exists (another process may be starting too); the update
        // then applies changed retry and expiry settings. pg-boss fixes a queue's policy at creation.
        const { policy, ...settings } = queueOptionsOf(definition);
        await boss.createQueue(definition.name, { policy, ...settings });
        await boss.updateQueue(definition.name, settings);
        if (definition.schedule) {
          await boss.schedule(definition.name, definition.schedule, definition.schedulePayload ?? {}, { tz: 'UTC' });
        } else {
          await boss.unschedule(definition.name); // a schedule dropped from the definition
        }
        if (isWorking) await startWorker(definition);
        if (isWorking && definition.isRunAtStart) await boss.send(definition.name, definition.schedulePayload ?? {});
      }
    },
    async enqueue(job, payload, enqueueOptions = {}) {
      if (!definitions.has(job.name)) throw new Error(`The job "${job.name}" is not registered.`);
      const { startAfter, singletonKey, priority, tx } = enqueueOptions;
      return boss.send(job.name, payload, {
        ...(tx ? { db: bossTransactionFor(tx) } : {}),
        ...(startAfter !== undefined ? { startAfter } : {}),
        ...(singletonKey !== undefined ? { singletonKey } : {}),
        ...(priority !== undefined ? { priority } : {}),
      });
    },
    async stop(timeoutMs = 10_000) {
      await boss.stop({ graceful: true, close: false, timeout: timeoutMs });
    },
  };
  return system;
}
