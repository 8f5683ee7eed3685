// Input validation generated from definitions: one JSON Schema per object and mode, compiled once per
// registry version, then type-specific checks (phone numbers, lookups) that a schema cannot express.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Problem, type FieldError } from '../platform/http/problem.ts';
import { codecOf, FieldValueError, inputSchemaOf, type JsonSchema } from './fields.ts';
import type { Registry } from './registry.ts';
import { type FieldDefinition, type ObjectDefinition, type RecordValues, systemFields } from './types.ts';

export type WriteMode = 'create' | 'update';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
// Compiled validators per registry, dropped when its definitions change (version bump).
const caches = new WeakMap<Registry, { version: number; validators: Map<string, ValidateFunction> }>();

function validatorsOf(registry: Registry): Map<string, ValidateFunction> {
  let cache = caches.get(registry);
  if (!cache || cache.version !== registry.version) {
    cache = { version: registry.version, validators: new Map() };
    caches.set(registry, cache);
  }
  return cache.validators;
}
const systemNames = new Set<string>([...systemFields, 'deletedBy']);

/** Fields a generic write may set. */
export function writableFields(def: ObjectDefinition): FieldDefinition[] {
  return def.fields.filter((f) => !f.isReadOnly);
}

/** The JSON Schema of a create or update body: the OpenAPI document serves the same schema. */
export function writeSchema(def: ObjectDefinition, mode: WriteMode): JsonSchema {
  const fields = writableFields(def);
  const properties: Record<string, JsonSchema> = { ownerId: { type: 'string', format: 'uuid' } };
  for (const field of fields) properties[field.name] = inputSchemaOf(field);
  const required =
    mode === 'create' ? fields.filter((f) => f.isRequired && f.default === undefined).map((f) => f.name) : [];
  return { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) };
}

function toFieldError(error: ErrorObject, prefix: string): FieldError {
  const path = error.instancePath.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let segments = path;
  let code = error.keyword;
  let message = error.message ?? 'is invalid';
  // required and additionalProperties report on the object: name the property itself, under its parent
  // (annualRevenue.amount, address.planet), not as if it were a top-level field.
  if (error.keyword === 'required') {
    segments = [...path, String(error.params.missingProperty)];
    message = 'is required';
  } else if (error.keyword === 'additionalProperties') {
    segments = [...path, String(error.params.additionalProperty)];
    const isSystem = path.length === 0 && systemNames.has(segments[0]!);
    code = isSystem ? 'read_only' : 'unknown_field';
    message = isSystem ? 'is set by the system and cannot be written' : path.length ? 'is not a known property' : 'is not a field of this object';
  } else if (error.keyword === 'enum') {
    message = `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`;
  }
  return { field: prefix + segments.join('.'), code, message };
}

/** Checks a write body against the definition; throws a 400 problem listing every bad field. */
export function validateBody(registry: Registry, def: ObjectDefinition, body: unknown, mode: WriteMode, prefix = ''): RecordValues {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Problem(400, 'The body must be a JSON object of field values.', [
      { field: prefix.replace(/\.$/, ''), code: 'type', message: 'must be an object' },
    ]);
  }
  const key = `${def.name}:${mode}`;
  const validators = validatorsOf(registry);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(writeSchema(def, mode));
    validators.set(key, validate);
  }
  if (!validate(body)) {
    // Keep the most useful error per field (anyOf produces one per branch).
    const byField = new Map<string, FieldError>();
    for (const error of validate.errors ?? []) {
      const fe = toFieldError(error, prefix);
      const existing = byField.get(fe.field);
      if (!existing || existing.code === 'anyOf' || existing.code === 'type') byField.set(fe.field, fe);
    }
    throw new Problem(400, 'Some fields are not valid.', [...byField.values()]);
  }
  const unstorable = unstorableStrings(body, [], prefix);
  if (unstorable.length) throw new Problem(400, 'Some fields are not valid.', unstorable);
  return body as RecordValues;
}

/**
 * Strings PostgreSQL cannot store (text and jsonb refuse NUL; jsonb refuses a lone UTF-16 surrogate),
 * reported per field instead of failing in the database.
 */
export function unstorableStrings(value: unknown, path: string[], prefix = '', errors: FieldError[] = []): FieldError[] {
  if (errors.length >= 20) return errors;
  if (typeof value === 'string') {
    if (value.includes('\u0000') || !value.isWellFormed()) {
      errors.push({ field: prefix + path.join('.'), code: 'invalid_character', message: 'contains a NUL character or a lone surrogate' });
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      unstorableStrings(key, path, prefix, errors); // a key inside a json value
      unstorableStrings(item, [...path, key], prefix, errors);
    }
  }
  return errors;
}

/** Whether a value could be written to the field (used to check a custom field's default). */
export function isValidValue(field: FieldDefinition, value: unknown): boolean {
  if (!ajv.validate(inputSchemaOf({ ...field, isRequired: true }), value)) return false;
  if (unstorableStrings(value, []).length) return false;
  try {
    codecOf(field).encode?.(value, field);
    return true;
  } catch (error) {
    if (error instanceof FieldValueError) return false;
    throw error;
  }
}

/** Adds defaults for fields a new record does not mention. */
export function applyDefaults(def: ObjectDefinition, values: RecordValues): RecordValues {
  const withDefaults = { ...values };
  for (const field of def.fields) {
    if (withDefaults[field.name] === undefined && field.default !== undefined) withDefaults[field.name] = field.default;
  }
  return withDefaults;
}

/** Column values for validated field values: `{ column: value }`, type conversions applied. */
export function encodeValues(def: ObjectDefinition, values: RecordValues, prefix = ''): Map<FieldDefinition, unknown> {
  const encoded = new Map<FieldDefinition, unknown>();
  const errors: FieldError[] = [];
  for (const field of def.fields) {
    if (!(field.name in values)) continue;
    const value = values[field.name] ?? null;
    try {
      const encode = codecOf(field).encode;
      encoded.set(field, encode ? encode(value, field) : value);
    } catch (error) {
      if (!(error instanceof FieldValueError)) throw error;
      errors.push({ field: prefix + field.name, code: error.code, message: error.message });
    }
  }
  if (errors.length) throw new Problem(400, 'Some fields are not valid.', errors);
  return encoded;
}
