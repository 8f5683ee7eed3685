// The `guanxi` commands (started by main.ts): serve, worker, migrate, seed-demo, create-admin, set-password, backup, restore, purge,
// rebuild-search, import.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Command } from 'commander';
import Fastify from 'fastify';
import { count, sql } from 'drizzle-orm';
import { loadConfig, type Config } from './platform/config.ts';
import { DataDirectoryLockedError, hasEmbeddedDatabase, openDatabase, type Database } from './platform/db/index.ts';
import { backupAll, restoreAll } from './backup.ts';
import { localFileStore } from './files/store.ts';
import { purgeAttachments } from './files/purge.ts';
import { users } from './platform/db/schema.ts';
import { createApiKey } from './platform/auth/api-keys.ts';
import { ensureUser } from './platform/auth/users.ts';
import { purgeDeletedRecords, rebuildSearchIndexes, systemCaller, type Registry } from './records/index.ts';
import { buildApp, startJobSystem } from './app.ts';
import { prepareDatabase } from './boot.ts';
import { buildWebIfStale } from './web-build.ts';
import { loggerOptions } from './platform/http/security.ts';
import { createMailer } from './platform/mail/mailer.ts';
import type { ImportCliOptions } from './domains/data/import-cli.ts';

/** Opens the configured database with its tables in place. */
async function openReady(config: Config): Promise<{ db: Database; registry: Registry }> {
  const db = await openDatabase(config);
  try {
    return { db, registry: await prepareDatabase(db) };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Runs `work` with an open database and closes it afterwards, whatever happens. */
async function withDatabase<T>(work: (db: Database, registry: Registry) => Promise<T>): Promise<T> {
  const { db, registry } = await openReady(loadConfig());
  try {
    return await work(db, registry);
  } finally {
    await db.close();
  }
}

async function countUsers(db: Database): Promise<number> {
  const [{ value }] = await db.orm.select({ value: count() }).from(users);
  return value;
}

/** Loads the demo company as the demo administrator (created when missing); returns them and what was loaded. */
async function loadDemo(db: Database, registry: Registry) {
  const { seedDemo } = await import('./demo/seed.ts'); // the demo's modules stay out of the server
  const { id } = await ensureUser(db, { email: 'admin@guanxi.local', name: 'Demo Admin 管理员', roleKey: 'administrator' });
  return { adminId: id, summary: await seedDemo(systemCaller({ db, registry }, id)) };
}

/** Runs another `guanxi` command in a child process with this one's Node flags; fails when it fails. */
async function runCommandInChild(args: string[]): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args], { stdio: 'inherit' });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`\`guanxi ${args.join(' ')}\` failed (exit code ${code}).`);
}

async function serve(options: { jobs: boolean }): Promise<void> {
  const config = loadConfig();
  // The first start creates and seeds the database in a child process, so that what that allocates
  // leaves with it (on PGlite ~80 MB of the server's memory for its life). The embedded database
  // admits one process at a time: a new one is made by the child before this process opens it.
  if (config.isDemoEnabled && !config.databaseUrl && !hasEmbeddedDatabase(config.dataDir)) await runCommandInChild(['first-start']);
  let { db, registry } = await openReady(config);
  if (config.isDemoEnabled && (await countUsers(db)) === 0) {
    await db.close();
    await runCommandInChild(['first-start']);
    ({ db, registry } = await openReady(config));
  }
  await buildWebIfStale((message) => console.log(message));
  // Housekeeping and other background jobs run in this process unless `--no-jobs` leaves them to workers.
  const app = await buildApp({ db, registry, logLevel: config.logLevel, jobs: { isWorking: options.jobs }, isReleasingIdleMemory: true });
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  const base = `http://${config.host}:${config.port}`;
  console.log(`Guanxi is running at ${base} on ${db.kind === 'embedded' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL'}`);
  console.log(`Open ${base} in a browser; API reference: ${base}/api/docs`);
}

const program = new Command('guanxi').description('Guanxi CRM');

program
  .command('serve', { isDefault: true })
  .description('start the server (and the background jobs)')
  .option('--no-jobs', 'only answer requests; leave background jobs to `guanxi worker` processes')
  .action(serve);

program
  .command('worker')
  .description('run only the background jobs (scheduled housekeeping and queued work), no HTTP')
  .action(async () => {
    const config = loadConfig();
    const { db, registry } = await openReady(config);
    // A logger configured like the server's, without a server.
    const { log } = Fastify({ logger: loggerOptions(config.logLevel) });
    const mailer = createMailer(config.mail, (message) => log.warn(message));
    const deps = { db, registry, authSettings: config.auth, now: () => new Date(), mailer, publicUrl: config.publicUrl, fileStore: localFileStore(config.files.dir) };
    // Definitions changed by the API processes (a custom field or object) reach this one's jobs too.
    const stopWatching = await registry.watch(db, (error) => log.error({ err: error }, 'could not reload object definitions'));
    const jobs = await startJobSystem(deps, { isWorking: true, log });
    const stop = async () => {
      await jobs.stop();
      await stopWatching();
      await db.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    console.log(`Guanxi worker is running jobs on ${db.kind === 'embedded' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL'}`);
  });

program
  .command('migrate')
  .description('create or update every table, then exit')
  .action(() => withDatabase(async () => console.log('The database is up to date.')));

program
  .command('first-start', { hidden: true })
  .description('on an installation without users: create the demo administrator, load the demo company, print an API key')
  .action(() =>
    withDatabase(async (db, registry) => {
      if ((await countUsers(db)) > 0) return; // another process started first
      const { adminId, summary } = await loadDemo(db, registry);
      const { token } = await createApiKey(db, adminId, 'first start');
      console.log(`Loaded the demo company: ${JSON.stringify(summary)}`);
      console.log(`Administrator API key (shown once, keep it): ${token}`);
    }),
  );

program
  .command('seed-demo')
  .description('load the bilingual demo company (again)')
  .action(() =>
    withDatabase(async (db, registry) => console.log(JSON.stringify((await loadDemo(db, registry)).summary))),
  );

program
  .command('create-admin')
  .description('create an administrator (or reuse one), optionally set their password, and print a new API key')
  .requiredOption('--email <email>', 'e-mail address')
  .option('--name <name>', 'display name', 'Administrator')
  .option('--password <password>', 'password for signing in to the web app (8–128 characters, not a common one)')
  .action(async (options: { email: string; name: string; password?: string }) => {
    if (!/^[^\s@]+@[^\s@]+$/.test(options.email)) throw new Error(`"${options.email}" is not an e-mail address.`);
    const { checkPassword, setPassword } = await import('./platform/auth/passwords.ts');
    const { logAuthEvent } = await import('./platform/auth/audit.ts');
    if (options.password !== undefined) {
      const problems = await checkPassword(options.password, { email: options.email });
      if (problems.length) throw new Error(`The password ${problems.map((p) => p.message).join('; ')}.`);
    }
    await withDatabase(async (db) => {
      const { id, isCreated } = await ensureUser(db, { email: options.email, name: options.name, roleKey: 'administrator' });
      if (options.password !== undefined) {
        await setPassword(db, id, options.password); // also ends the user's sessions
        await logAuthEvent(db, 'auth.password_set', { actorId: null, target: `user:${id}`, details: { via: 'create-admin' } });
      }
      const { token } = await createApiKey(db, id, 'create-admin');
      console.log(`${isCreated ? 'Created' : 'Found'} administrator ${options.email}${options.password !== undefined ? ' and set the password' : ''}.`);
      console.log(`API key (shown once): ${token}`);
    });
  });

program
  .command('set-password')
  .description("set an existing user's password (ends their sessions), e.g. for the demo users")
  .requiredOption('--email <email>', 'e-mail address of the user')
  .requiredOption('--password <password>', 'the new password (8–128 characters, not a common one)')
  .action(async (options: { email: string; password: string }) => {
    const { checkPassword, setPassword } = await import('./platform/auth/passwords.ts');
    const problems = await checkPassword(options.password, { email: options.email });
    if (problems.length) throw new Error(`The password ${problems.map((p) => p.message).join('; ')}.`);
    await withDatabase(async (db) => {
      const [user] = await db.orm.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${options.email.trim().toLowerCase()}`);
      if (!user) throw new Error(`No user has the e-mail address ${options.email}.`);
      await setPassword(db, user.id, options.password);
      console.log(`Set the password of ${options.email}.`);
    });
  });

program
  .command('backup <file>')
  .description('write a compressed SQL backup of everything (restores into either database)')
  .action((file: string) =>
    withDatabase(async (db, registry) => console.log(`Backed up ${await backupAll(db, registry, file, localFileStore(loadConfig().files.dir))} rows to ${file}.`)),
  );

program
  .command('restore <file>')
  .description('restore a backup into an empty database')
  .action((file: string) =>
    withDatabase(async (db, registry) => console.log(`Restored ${await restoreAll(db, registry, file, localFileStore(loadConfig().files.dir))} rows from ${file}.`)),
  );

program
  .command('purge')
  .description('permanently delete records that have been in the recycle bin for over 30 days')
  .action(() =>
    withDatabase(async (db, registry) => {
      const purged = await purgeDeletedRecords(db, registry, new Date(), [purgeAttachments(localFileStore(loadConfig().files.dir), (error) => console.warn(String(error)))]);
      console.log(`Purged ${purged} records.`);
    }),
  );

program
  .command('rebuild-search [objects...]')
  .description('recompute the search index of the given objects (all when none are named), e.g. after deleting searchable fields')
  .action((objects: string[]) =>
    withDatabase((db, registry) => rebuildSearchIndexes(db, registry, objects, (line) => console.log(line))),
  );

program
  .command('import [file]')
  .description('import a CSV or XLSX file into an object as a user (with their access), printing progress')
  .option('--object <name>', 'the object to import into, e.g. contacts')
  .requiredOption('--as <email>', 'the user the import runs as (needs the import permission)')
  .option('--mode <mode>', 'create, update or upsert')
  .option('--match <fields>', 'fields that find existing records, e.g. email or name,city')
  .option('--map <pair...>', '"Column title=field" over the suggested mapping ("Title=" leaves a column out)')
  .option('--encoding <encoding>', 'utf-8, utf-8-bom or gb18030 (detected when left out)')
  .option('--delimiter <name>', 'comma, semicolon, tab or pipe (detected when left out)')
  .option('--date-order <order>', 'how 5/3/2024 reads: ymd, dmy or mdy')
  .option('--phone-region <code>', 'region of phone numbers without a country code, e.g. CN')
  .option('--dry-run', 'check every row and report, writing nothing')
  .option('--resume <id>', 'go on with an import that was stopped, from its checkpoint')
  .action(async (file: string | undefined, options: ImportCliOptions & { dryRun?: boolean }) => {
    const { importFromCli, describeError } = await import('./domains/data/import-cli.ts');
    await withDatabase(async (db, registry) => {
      try {
        await importFromCli(db, registry, file, { ...options, isDryRun: options.dryRun }, (line) => console.log(line));
      } catch (error) {
        throw new Error(describeError(error), { cause: error });
      }
    });
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof DataDirectoryLockedError) {
    console.error(error.message);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
