// The live set of object definitions: those the installed modules define plus the admin-defined
// custom objects and fields stored in the database. Rebuilt after every metadata change.
import { customFields, customObjects, objectAccessDefaults } from '../platform/db/schema.ts';
import type { Database } from '../platform/db/index.ts';
import { notFound } from '../platform/http/problem.ts';
import { inCreationOrder, objectDdl } from './ddl.ts';
import { ensureSearchPendingListLimit, ensureSearchTokenStatistics } from './search-statistics.ts';
import type { ModuleSet } from './modules.ts';
import type { FieldDefinition, ObjectDefinition } from './types.ts';

const METADATA_CHANNEL = 'guanxi_metadata';
const loadedIn = Symbol('registry version');

/**
 * The registry version a definition was loaded in; copies made with `{ ...def }` keep it. Something
 * built from a definition (a compiled statement) is keyed by it: a request still holding the previous
 * definitions after a change builds from those, and must not file the result under the new ones.
 */
export function loadedVersionOf(def: ObjectDefinition): number {
  return (def as { [loadedIn]?: number })[loadedIn] ?? 0;
}

export class Registry {
  #objects = new Map<string, ObjectDefinition>();
  /** Bumped on every change, so caches keyed by it (statements, OpenAPI) refresh. */
  version = 0;
  /** The installed modules: their objects are the base definitions, their hooks run on writes. */
  readonly modules: ModuleSet;
  /**
   * Loads and changes run one at a time in a process. A reload started by a NOTIFY reads the
   * committed definitions; run beside a change, it could finish after the change loaded its new
   * definitions and put the old ones back until the next NOTIFY.
   */
  #turn: Promise<unknown> = Promise.resolve();

  constructor(modules: ModuleSet) {
    this.modules = modules;
  }

  /** Loads the modules' definitions, then the custom ones from the database (after any change in flight). */
  load(db: Database): Promise<void> {
    return this.#inTurn(() => this.#read(db));
  }

  #inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#turn.then(work);
    this.#turn = result.catch(() => undefined);
    return result;
  }

  async #read(db: Database): Promise<void> {
    const objects = new Map<string, ObjectDefinition>();
    for (const def of this.modules.objects) objects.set(def.name, structuredClone(def) as ObjectDefinition);
    for (const row of await db.orm.select().from(customObjects).orderBy(customObjects.createdAt)) {
      objects.set(row.name, row.definition as ObjectDefinition);
    }
    for (const row of await db.orm.select().from(customFields).orderBy(customFields.createdAt)) {
      objects.get(row.objectName)?.fields.push(row.definition as FieldDefinition);
    }
    // Org-wide defaults an administrator changed override the definition's own default.
    for (const row of await db.orm.select().from(objectAccessDefaults)) {
      const def = objects.get(row.objectName);
      if (def) def.access = { default: row.access as ObjectDefinition['access']['default'] };
    }
    const version = this.version + 1;
    for (const def of objects.values()) (def as { [loadedIn]?: number })[loadedIn] = version;
    this.#objects = objects;
    this.version = version;
  }

  /** The definition of an object, or a 404 problem. */
  get(name: string): ObjectDefinition {
    const def = this.#objects.get(name);
    if (!def) throw notFound(`The object "${name.slice(0, 100)}"`);
    return def;
  }

  has(name: string): boolean {
    return this.#objects.has(name);
  }

  all(): ObjectDefinition[] {
    return [...this.#objects.values()];
  }

  /**
   * Runs a change to definitions (metadata, org-wide defaults) in a transaction, then tells every
   * process: the new definitions are live here before the commit returns, and elsewhere on NOTIFY.
   */
  change<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
    return this.#inTurn(async () => {
      try {
        return await db.transaction(async (tx) => {
          const result = await work(tx);
          await tx.exec(`NOTIFY ${METADATA_CHANNEL}`);
          // Loaded from the transaction, so requests after the commit never see the old columns.
          await this.#read(tx);
          return result;
        });
      } catch (error) {
        await this.#read(db); // the change rolled back: drop whatever was loaded from it
        throw error;
      }
    });
  }

  /** Reloads whenever another process changes definitions; returns the unsubscribe. */
  watch(db: Database, onError: (error: unknown) => void): Promise<() => Promise<void>> {
    return db.listen(METADATA_CHANNEL, () => {
      // A failed reload leaves the previous definitions in place; the next change retries.
      this.load(db).catch(onError);
    });
  }

  /** The table behind an object name (for foreign keys and lookups). */
  tableOf = (name: string): string => this.get(name).table;

  /** Creates or completes every object's table; safe to run at each start. */
  async syncTables(db: Database): Promise<void> {
    await db.transaction(async (tx) => {
      for (const def of inCreationOrder(this.all())) await tx.exec(objectDdl(def, this.tableOf).join(';\n') + ';\n');
    });
    const tables = this.all().map((def) => def.table);
    await ensureSearchTokenStatistics(db, tables);
    await ensureSearchPendingListLimit(db, tables);
  }
}
