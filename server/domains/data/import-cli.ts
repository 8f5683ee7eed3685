// `guanxi import FILE --object … --as …`: the same import as the web app's, from the command line, as
// a given user (with their access), with its progress printed batch by batch. It runs in this process
// (no worker needed); a run that was stopped is resumed with `--resume <import id>`.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import { loadRequestContext } from '../../platform/access/load-context.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { Caller, Registry } from '../../records/index.ts';
import { importEncodings, type ImportDelimiter, type ImportEncoding } from './import-file.ts';
import { executeImport } from './import-runner.ts';
import type { DateOrder, MatchMode } from './import-settings.ts';
import { changeImport, createImport, dryRun, getImport, startImport } from './import-service.ts';

export interface ImportCliOptions {
  object?: string;
  /** E-mail address of the user the import runs as. */
  as: string;
  mode?: MatchMode;
  /** Comma-separated field names to match existing records by. */
  match?: string;
  /** `Column title=field` pairs over the suggested mapping. */
  map?: string[];
  encoding?: ImportEncoding;
  delimiter?: string;
  dateOrder?: DateOrder;
  phoneRegion?: string;
  isDryRun?: boolean;
  resume?: string;
}

const delimiterNames: Record<string, ImportDelimiter> = { comma: ',', semicolon: ';', tab: '\t', pipe: '|', ',': ',', ';': ';', '\t': '\t', '|': '|' };

async function callerFor(db: Database, registry: Registry, email: string): Promise<Caller> {
  const [user] = await db.rows<{ id: string }>(sql`select id from users where lower(email) = ${email.trim().toLowerCase()}`);
  const ctx = user && (await loadRequestContext(db, user.id));
  if (!ctx) throw new Error(`No active user has the e-mail address ${email}.`);
  return { db, registry, ctx };
}

/** A problem as one line of text for the terminal. */
export function describeError(error: unknown): string {
  if (error instanceof Problem) return [error.message, ...error.errors.map((e) => `${e.field}: ${e.message}`)].join('\n  ');
  return error instanceof Error ? error.message : String(error);
}

const outcomeOrder = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const;

/** "3 created, 1 updated, …" in a fixed order. */
function describeCounts(counts: Partial<Record<string, number>>): string {
  return outcomeOrder.map((outcome) => `${counts[outcome] ?? 0} ${outcome}`).join(', ');
}

/** Runs an import from a file (or resumes one); `print` gets each line of output. */
export async function importFromCli(db: Database, registry: Registry, file: string | undefined, options: ImportCliOptions, print: (line: string) => void): Promise<void> {
  if (options.mode && !['create', 'update', 'upsert'].includes(options.mode)) throw new Error('--mode is one of create, update, upsert.');
  if (options.dateOrder && !['ymd', 'dmy', 'mdy'].includes(options.dateOrder)) throw new Error('--date-order is one of ymd, dmy, mdy.');
  if (options.encoding && !importEncodings.includes(options.encoding)) throw new Error(`--encoding is one of ${importEncodings.join(', ')}.`);
  if (options.phoneRegion && !/^[A-Za-z]{2}$/.test(options.phoneRegion)) throw new Error('--phone-region is a two-letter region code such as CN.');
  const c = await callerFor(db, registry, options.as);
  let id = options.resume;
  if (!id) {
    if (!file || !options.object) throw new Error('Give a file and --object (or --resume <import id>).');
    const uploaded = await createImport(c, options.object, basename(file), readFileSync(file));
    id = uploaded.id;
    const source = uploaded.source;
    const delimiter = options.delimiter ? delimiterNames[options.delimiter] : undefined;
    if (options.delimiter && !delimiter) throw new Error(`--delimiter is one of comma, semicolon, tab, pipe.`);
    const read = options.encoding || delimiter ? await changeImport(c, id, { source: { encoding: options.encoding ?? source.encoding, delimiter: delimiter ?? source.delimiter } }) : uploaded;
    const columns = { ...read.settings.columns };
    for (const pair of options.map ?? []) {
      const at = pair.lastIndexOf('=');
      if (at < 1) throw new Error(`--map takes "Column title=field", not "${pair}".`);
      const [title, field] = [pair.slice(0, at), pair.slice(at + 1)];
      if (field) columns[title] = field;
      else delete columns[title];
    }
    const mode = options.mode ?? read.settings.matchMode;
    const settings = {
      ...read.settings,
      columns,
      matchMode: mode,
      matchBy: options.match ? options.match.split(',').map((name) => name.trim()) : mode === 'create' ? [] : read.settings.matchBy,
      ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
      ...(options.phoneRegion ? { phoneRegion: options.phoneRegion.toUpperCase() } : {}),
    };
    const ready = await changeImport(c, id, { settings });
    print(`Import ${id}: ${ready.totalRows} rows of ${read.fileName} (${read.source.format}, ${read.source.encoding}) into ${ready.object}.`);
    print(`Columns: ${Object.entries(ready.settings.columns).map(([title, field]) => `${title} → ${field}`).join(', ') || 'none mapped'}`);
    if (options.isDryRun) {
      const result = await dryRun(c, id, 'en');
      print(`Dry run (nothing written): ${describeCounts(result.counts)}`);
      for (const problem of result.problems) print(`  row ${problem.rowNumber} ${problem.outcome}: ${problem.message}`);
      return;
    }
    // No job: this process is the worker.
    await startImport(c, id, async () => undefined);
  }
  const total = (await getImport(c, id)).totalRows;
  await executeImport({ db, registry, afterBatch: (done) => print(`  ${done}/${total} rows`) }, id);
  const done = await getImport(c, id);
  const counts = done.counts as Partial<Record<string, number>>;
  print(`Import ${id} is ${done.status}: ${describeCounts(counts)}`);
  if (counts.failed || counts.skipped) {
    print(`Rows not imported, with reasons: GET /api/v1/imports/${id}/errors`);
  }
}
