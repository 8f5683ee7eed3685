// What an administrator sees of the jobs: failed (dead) ones by default, newest first, a page at a
// time, and a retry that puts a dead job back in its queue for one more attempt.
import { invalidField, notFound, Problem } from '../http/problem.ts';
import { JOBS_SCHEMA, type JobSystem } from './system.ts';

export const jobStates = ['failed', 'retry', 'active', 'created', 'completed', 'cancelled'] as const;
export type JobState = (typeof jobStates)[number];

export interface JobSummary {
  id: string;
  name: string;
  state: JobState;
  payload: unknown;
  attempts: number;
  retryLimit: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobPage {
  state?: JobState;
  name?: string;
  limit?: number;
  cursor?: string;
}

interface JobRow {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  retry_count: number;
  retry_limit: number;
  output: { message?: unknown } | null;
  created_on: Date | string;
  started_on: Date | string | null;
  completed_on: Date | string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function toSummary(row: JobRow): JobSummary {
  const message = row.output && typeof row.output === 'object' ? row.output.message : undefined;
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    payload: row.data,
    // pg-boss counts retries; the first run is attempt one.
    attempts: row.state === 'created' ? row.retry_count : row.retry_count + 1,
    retryLimit: row.retry_limit,
    // A handler's error can be any length: the list shows its start, the logs keep the whole.
    error: typeof message === 'string' ? message.slice(0, 10_000) : null,
    createdAt: iso(row.created_on)!,
    startedAt: iso(row.started_on),
    finishedAt: iso(row.completed_on),
  };
}

const columns = 'id, name, state, data, retry_count, retry_limit, output, created_on, started_on, completed_on';

function encodeCursor(row: JobRow): string {
  return Buffer.from(JSON.stringify([iso(row.created_on), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  const invalid = invalidField('cursor', 'invalid_cursor', 'The cursor is not valid for this list; start again from the first page.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  // Exactly the shapes encodeCursor writes, so nothing a client forges reaches PostgreSQL as a bad cast.
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
  if (!Array.isArray(parsed) || parsed.length !== 2 || !isoInstant.test(String(parsed[0])) || Number.isNaN(Date.parse(parsed[0])) || !uuid.test(String(parsed[1]))) {
    throw invalid;
  }
  return [parsed[0], parsed[1] as string];
}

/** Lists jobs in one state (failed by default), newest first, keyset-paginated. */
export async function listJobs(jobs: JobSystem, page: JobPage = {}): Promise<{ data: JobSummary[]; nextCursor: string | null }> {
  const limit = page.limit ?? 50;
  const values: unknown[] = [page.state ?? 'failed', limit + 1];
  const conditions = ['state = $1::' + JOBS_SCHEMA + '.job_state'];
  if (page.name !== undefined) {
    values.push(page.name);
    conditions.push(`name = $${values.length}`);
  }
  if (page.cursor !== undefined) {
    const [createdAt, id] = decodeCursor(page.cursor);
    values.push(createdAt, id);
    conditions.push(`(created_on, id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
  }
  const { rows } = await jobs.boss.getDb().executeSql(
    `select ${columns} from ${JOBS_SCHEMA}.job where ${conditions.join(' and ')} order by created_on desc, id desc limit $2`,
    values,
  );
  const hasMore = rows.length > limit;
  const pageRows = (rows as JobRow[]).slice(0, limit);
  return { data: pageRows.map(toSummary), nextCursor: hasMore ? encodeCursor(pageRows.at(-1)!) : null };
}

async function findJob(jobs: JobSystem, id: string): Promise<JobRow | undefined> {
  const { rows } = await jobs.boss.getDb().executeSql(`select ${columns} from ${JOBS_SCHEMA}.job where id = $1`, [id]);
  return rows[0] as JobRow | undefined;
}

/** Puts a failed job back in its queue; 404 for an unknown id, 409 unless the job has failed. */
export async function retryJob(jobs: JobSystem, id: string): Promise<JobSummary> {
  const job = await findJob(jobs, id);
  if (!job) throw notFound('The job');
  if (job.state !== 'failed') {
    throw new Problem(409, { key: 'detail.jobNotFailed', params: { state: job.state } }, [
      { field: 'state', code: 'job_not_failed', message: `The job is ${job.state}.` },
    ]);
  }
  // pg-boss grants the job one more attempt (its retry limit goes up by one).
  await jobs.boss.retry(job.name, id);
  return toSummary((await findJob(jobs, id))!);
}
