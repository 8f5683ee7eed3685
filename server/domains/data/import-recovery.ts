// Imports whose process died mid-run (kill -9, a crash, a restart of the only server) are resumed
// from their checkpoint without waiting for their job to expire (an hour, since a long import may
// legitimately run that long). A run counts as stalled when its checkpoint has not moved for
// GUANXI_IMPORT_STALE_SECONDS (120 by default; one batch takes seconds). Resuming a run that is in
// fact still alive elsewhere is harmless: each batch checks the checkpoint under a row lock, so the
// slower of two runners stops and no row is written twice.
import { sql } from 'drizzle-orm';
import { defineScheduledJob } from '../../platform/jobs/index.ts';
import type { ModuleJobContext } from '../../records/index.ts';
import { executeImport, type RunDeps } from './import-runner.ts';

const DEFAULT_STALE_SECONDS = 120;

/** Seconds without progress after which a running import counts as stalled. */
export function staleSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.GUANXI_IMPORT_STALE_SECONDS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_STALE_SECONDS;
}

/** Resumes every stalled import, one after another; returns their ids. */
export async function resumeStalledImports(deps: RunDeps & { notice?: (message: string) => void }, stallSeconds = staleSeconds()): Promise<string[]> {
  const stalled = await deps.db.rows<{ id: string }>(sql`select id from import_runs
    where status = 'running' and updated_at < now() - make_interval(secs => ${stallSeconds}) order by created_at`);
  for (const { id } of stalled) {
    deps.notice?.(`Resuming the stalled import ${id} from its checkpoint.`);
    await executeImport(deps, id);
  }
  return stalled.map((r) => r.id);
}

/**
 * Every minute and at every start of a working process: resume stalled imports. Not a singleton: a
 * sweep killed together with the import it was running stays "active" until it expires, and must not
 * keep the next process's sweep from starting.
 */
export function stalledImportsJob({ db, registry }: ModuleJobContext) {
  return defineScheduledJob({
    name: 'data.resume-stalled-imports',
    schedule: '* * * * *',
    isRunAtStart: true,
    isSingleton: false,
    retryDelaySeconds: 30,
    handler: async (_payload, context) => {
      await resumeStalledImports({ db, registry, log: context.log, notice: (message) => context.log.warn(message) });
    },
  });
}
