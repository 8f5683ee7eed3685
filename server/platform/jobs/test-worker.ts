// A worker process for the multi-process job tests: runs `test.record` jobs against the PostgreSQL
// database named on the command line until it is told to stop (SIGTERM) or killed.
import { openPostgresDatabase } from '../db/postgres.ts';
import { createJobSystem } from './system.ts';
import { recordJobFor } from './test-jobs.ts';

const quiet = { info() {}, warn() {}, error: (...args: unknown[]) => console.error(...args) };
const db = await openPostgresDatabase(process.argv[2]!, 4);
const jobs = await createJobSystem(db, { isWorking: true, log: quiet, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 });
await jobs.registerJobs([recordJobFor(db)]);
process.stdout.write('ready\n');
process.once('SIGTERM', async () => {
  await jobs.stop();
  await db.close();
  process.exit(0);
});
