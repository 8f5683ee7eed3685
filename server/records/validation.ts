// Input validation generated from definitions: one JSON Schema per object and mode, compiled once per
// definition, then type-specific checks (phone numbers, lookups) that a schema cannot express.
import type { ValidateFunction } from 'ajv';
import { Problem, type FieldError } from '../platform/http/problem.ts';
import { createAjv } from '../platform/http/ajv.ts';
import { fieldErrorsFromAjv } from '../platform/http/ajv-errors.ts';
import { codecOf, inputSchemaOf, type JsonSchema } from './fields.ts';
import { FieldValueError } from './field-values.ts';
import { type FieldDefinition, type ObjectDefinition, type RecordValues, systemFields } from './types.ts';

export type WriteMode = 'create' | 'update';

const ajv = createAjv();
// Compiled validators per definition object. Every registry load makes new definition objects, so a
// caller still holding the previous ones (a write that began before a metadata change) gets validators
// of those, and can never leave one of them behind for the new definitions.
const caches = new WeakMap<ObjectDefinition, Map<string, ValidateFunction>>();

function validatorsOf(def: ObjectDefinition): Map<string, ValidateFunction> {
  let validators = caches.get(def);
  if (!validators) caches.set(def, (validators = new Map()));
  return validators;
}
const systemNames = new Set<string>([...systemFields, 'deletedBy']);

/** Fields a generic write may set: not read-only, not generated (auto numbers). */
export function writableFields(def: ObjectDefinition): FieldDefinition[] {
  return def.fields.filter((f) => !f.isReadOnly && !codecOf(f).generate);
}

/**
 * The JSON Schema of a create or update body: the OpenAPI document serves the same schema. Read-only
 * fields are in it only for the system (`systemCaller`).
 */
export function writeSchema(def: ObjectDefinition, mode: WriteMode, isSystem = false): JsonSchema {
  const fields = isSystem ? def.fields : writableFields(def);
  // Only the system may leave a record without an owner (e.g. an account returned to a customer pool).
  const properties: Record<string, JsonSchema> = { ownerId: { type: isSystem ? ['string', 'null'] : 'string', format: 'uuid' } };
  for (const field of fields) properties[field.name] = inputSchemaOf(field);
  const required =
    mode === 'create' ? fields.filter((f) => f.isRequired && f.default === undefined).map((f) => f.name) : [];
  return { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) };
}

/** Checks a write body against the definition; throws a 400 problem listing every bad field. */
export function validateBody(def: ObjectDefinition, body: unknown, mode: WriteMode, prefix = '', isSystem = false): RecordValues {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Problem(400, { key: 'detail.bodyNotObject' }, [
      { field: prefix.replace(/\.$/, ''), code: 'type', message: 'must be an object' },
    ]);
  }
  const key = `${mode}:${isSystem}`;
  const validators = validatorsOf(def);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(writeSchema(def, mode, isSystem));
    validators.set(key, validate);
  }
  if (!validate(body)) {
    const writable = writableFields(def);
    const readOnlyNames = new Set(def.fields.filter((f) => !writable.includes(f)).map((f) => f.name));
    const errors = fieldErrorsFromAjv(validate.errors ?? [], { prefix, isSystemField: (name) => systemNames.has(name) || readOnlyNames.has(name) });
    throw new Problem(400, { key: 'detail.validation' }, errors);
  }
  const unstorable = unstorableStrings(body, [], prefix);
  if (unstorable.length) throw new Problem(400, { key: 'detail.validation' }, unstorable);
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
  if (errors.length) throw new Problem(400, { key: 'detail.validation' }, errors);
  return encoded;
}
