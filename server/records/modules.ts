// The module contract: how a domain (server/domains/<d>/) adds objects and behaviour to the engine
// without the engine knowing its names. Hooks are plain functions the write path calls in order.
import type { JobDefinition } from '../platform/jobs/index.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../platform/db/index.ts';
import type { FieldError } from '../platform/http/problem.ts';
import type { Caller } from './caller.ts';
import type { Registry } from './registry.ts';
import type { FieldDefinition, ObjectDefinition, RecordValues } from './types.ts';

/** A create or update about to be written, as hooks see it (inside the write transaction). */
export interface WriteEvent {
  /** The caller, bound to the write transaction. */
  caller: Caller;
  object: ObjectDefinition;
  action: 'create' | 'update';
  id: string;
  /** The stored record before the write; undefined for a create. */
  before: RecordValues | undefined;
  /** The values this write sets: the validated input (defaults included), then what hooks derived. */
  changes: RecordValues;
  /** The record as it will be: `before` with `changes` applied. */
  proposed: RecordValues;
}

/** A committed write, as after-commit hooks see it. */
export interface CommittedWrite {
  /** The caller outside any transaction: what it reads is committed. */
  caller: Caller;
  object: ObjectDefinition;
  action: 'create' | 'update' | 'delete' | 'restore';
  id: string;
  before: RecordValues | undefined;
  /** The record after the write (undefined after a delete). */
  record: RecordValues | undefined;
}

/** A write as in-transaction hooks see it: written (row, change log, search tokens), not yet committed. */
export interface WrittenRecord extends Omit<CommittedWrite, 'caller'> {
  /** The caller, bound to the write transaction: what it writes commits or rolls back with the record. */
  caller: Caller;
}

type MaybePromise<T> = T | Promise<T>;

/** A write a guard may refuse, before anything is written (every action, every write path). */
export interface GuardedWrite {
  /** The caller, bound to the write transaction; never the system (its writes are not guarded). */
  caller: Caller;
  object: ObjectDefinition;
  action: 'create' | 'update' | 'delete' | 'restore';
  id: string;
  /** The stored record for an update, delete or restore; the input values for a create. */
  record: RecordValues;
}

/** Behaviour a module adds to one object. Every write path (single, bulk, upsert) runs them. */
export interface ObjectHooks {
  /** Derives field values; what it returns is written too (read-only fields included: this is system code). */
  beforeWrite?: (event: WriteEvent) => MaybePromise<RecordValues | void>;
  /** Checks the proposed record (after beforeWrite); errors become a 400 naming each field. */
  validate?: (event: WriteEvent) => MaybePromise<FieldError[] | void>;
  /**
   * Runs in the write transaction once the record is written: the place for follow-ups that must not be
   * lost (a notice, an outbox row, a job enqueued with `{ tx }`), since they commit with the record or
   * not at all. A failure fails the write.
   */
  afterWrite?: (write: WrittenRecord) => MaybePromise<void>;
  /**
   * Runs once the transaction has committed; a failure is logged, never a 5xx. Work here is lost if the
   * process dies between the commit and the hook: only for what may be lost (a cache, a hint).
   */
  afterCommit?: (write: CommittedWrite) => MaybePromise<void>;
  /**
   * Refuses a user's write by throwing (typically a 409 Problem with its own code), e.g. while the
   * record is locked. Runs for create, update, delete and restore by every caller but the system;
   * registered under '*', it guards every object. Adding or removing a record's files, and the question
   * "is it locked now?" (`GET /{object}/{id}/lock`), ask it as an update of the stored record: keep it
   * free of side effects.
   */
  guardWrite?: (write: GuardedWrite) => MaybePromise<void>;
}

/** Records of another object shown in a record's timeline (e.g. the calls and notes linked to it). */
export interface TimelineSource {
  /** The entry kind clients see; the entry holds the record under the same name (`{ kind: 'call', call: {…} }`). */
  kind: string;
  /** The object whose records become entries. */
  object: string;
  /** The fields whose value links an entry to the record whose timeline is read. */
  linkFields: (def: ObjectDefinition) => FieldDefinition[];
  /** When an entry happened: the first of these fields that is set. */
  atFields: string[];
}

/** What a module's jobs get: the engine's handles and the clock. */
export interface ModuleJobContext {
  db: Database;
  registry: Registry;
  now: () => Date;
}

/** What a module's routes get: the engine's handles and the caller of a request. */
export interface ModuleRouteContext {
  db: Database;
  registry: Registry;
  callerOf: (request: FastifyRequest) => Caller;
}

export interface ModuleDefinition {
  /** Unique, lowercase: names the module in logs and errors. */
  name: string;
  objects?: readonly ObjectDefinition[];
  /** Behaviour by object API name. */
  hooks?: Readonly<Record<string, ObjectHooks>>;
  timeline?: readonly TimelineSource[];
  /** Domain commands (e.g. POST /api/v1/{object}/{id}/close), registered under the API's auth. */
  routes?: (app: FastifyInstance, engine: ModuleRouteContext) => void;
  /**
   * Background jobs of the module (platform/jobs `defineJob`), run by every worker process; a function
   * when the handlers need the database, the registry or the clock.
   */
  jobs?: readonly JobDefinition<any>[] | ((context: ModuleJobContext) => readonly JobDefinition<any>[]);
  /**
   * Creates the records the module needs to work (e.g. a default pipeline) as the system, at every
   * start once the tables exist: it must leave an installation that already has them alone.
   */
  seed?: (caller: Caller) => Promise<void>;
}

/** Declares a module (typed identity: modules are plain data and functions). */
export function defineModule(module: ModuleDefinition): ModuleDefinition {
  return module;
}

/** Named hooks, so a failure can say which module it came from. */
export interface InstalledHooks extends ObjectHooks {
  module: string;
}

/** The installed modules, combined: what the registry and the write path ask. */
export interface ModuleSet {
  readonly modules: readonly ModuleDefinition[];
  /** Every module's objects, in module order. */
  readonly objects: readonly ObjectDefinition[];
  readonly timeline: readonly TimelineSource[];
  /** Every module's jobs, given what their handlers need. */
  jobsFor(context: ModuleJobContext): JobDefinition<any>[];
  /** The hooks on an object, in module order. */
  hooksOf(objectName: string): readonly InstalledHooks[];
}

/** Combines modules; two modules defining the same object or module name is a programming error. */
export function installModules(modules: readonly ModuleDefinition[]): ModuleSet {
  const names = new Set<string>();
  const objects = new Map<string, ObjectDefinition>();
  const hooks = new Map<string, InstalledHooks[]>();
  for (const module of modules) {
    if (names.has(module.name)) throw new Error(`Two modules are named "${module.name}".`);
    names.add(module.name);
    for (const def of module.objects ?? []) {
      if (objects.has(def.name)) throw new Error(`The object "${def.name}" is defined twice (module ${module.name}).`);
      objects.set(def.name, def);
    }
    for (const [objectName, objectHooks] of Object.entries(module.hooks ?? {})) {
      hooks.set(objectName, [...(hooks.get(objectName) ?? []), { ...objectHooks, module: module.name }]);
    }
  }
  return {
    modules,
    objects: [...objects.values()],
    timeline: modules.flatMap((m) => m.timeline ?? []),
    jobsFor: (context) => modules.flatMap((m) => (typeof m.jobs === 'function' ? m.jobs(context) : (m.jobs ?? []))),
    // Hooks under '*' apply to every object, after the object's own.
    hooksOf: (objectName) => [...(hooks.get(objectName) ?? []), ...(hooks.get('*') ?? [])],
  };
}
