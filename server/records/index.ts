// The records engine's one entry point: everything outside server/records/ imports from here.
// Domains plug in through defineModule (modules.ts); the rest is the engine's services and the few
// building blocks the CLI, backups, the administration API and the benchmarks need.

// Definitions and modules
export { defineObject, fieldTypes, systemFields, toColumnName } from './types.ts';
export type { RecordOf } from './record-type.ts';
export { fieldInputSchema, labelSchema, objectInputSchema } from './types.ts';
export type { AccessDefault, FieldDefinition, FieldInput, FieldType, Label, ObjectDefinition, ObjectInput, RecordValues, SelectOption } from './types.ts';
export { defineModule, installModules } from './modules.ts';
export type { CommittedWrite, GuardedWrite, WrittenRecord, ModuleDefinition, ModuleJobContext, ModuleRouteContext, ModuleSet, ObjectHooks, TimelineSource, WriteEvent } from './modules.ts';
export { Registry } from './registry.ts';
export type { FieldError } from '../platform/http/problem.ts';

// Callers and services
export { systemCaller } from './caller.ts';
export type { Caller, ErrorLog } from './caller.ts';
export { writeTransaction } from './hooks.ts';
export { guardRecordChange, recordAbilitiesOf, type RecordAbilities } from './record-guard.ts';
export { baseConditions, getRecord, listRecords, recordAccessOf } from './read.ts';
export { aggregateRecords } from './aggregate.ts';
export { createRecord, deleteRecord, parseIfMatch, restoreRecord, updateRecord, upsertRecord } from './write.ts';
export { runBulk } from './bulk.ts';
export { createRecords, type BatchCreateResult } from './batch-create.ts';
export { uniqueViolationProblem } from './unique-violation.ts';
export { getHistory, getTimeline } from './history.ts';
export { search } from './search.ts';
export { addShare, listShares, removeShare, EVERYONE_PRINCIPAL_ID } from './shares.ts';
export type { ShareInput } from './shares.ts';
export { purgeDeletedRecords, type PurgeListener } from './purge.ts';
export { rebuildSearchIndexes, searchRebuildJob } from './search-rebuild.ts';
export { assertFieldVisible, definitionFor, seesEveryRow, visibleRows } from './access.ts';

// HTTP
export { registerModuleRoutes, registerRecordRoutes } from './routes.ts';
export { registerMetadataRoutes } from './metadata-routes.ts';
export { buildOpenApi } from './openapi.ts';
export { reserveApiName } from './metadata.ts';

// Building blocks for the administration API (sharing-rule filters), backups and the benchmarks
export { parseFilter } from './filter.ts';
export { compileFilter } from './filter-sql.ts';
export { inCreationOrder, objectDdl } from './ddl.ts';
export { junctionTable } from './sql-names.ts';
export { codecOf, hasColumn } from './fields.ts';
export { fieldByName } from './columns.ts';
export { recordSearchTokens } from './search-tokens.ts';
export { cursorValues, decodeCursor, encodeCursor, parseSort } from './list-query.ts';
export type { SortKey } from './list-query.ts';
export { defaultPhoneRegion } from './field-values.ts';
