// The one mapping from Ajv's errors to field errors, for request schemas and record bodies alike:
// the field's path (`address.city`, `records.3.email`), a stable code and the parameters the caller's
// language needs to word it (problem.ts words it; see platform/i18n).
import type { ErrorObject } from 'ajv';
import type { FieldError } from './field-error.ts';

// Patterns the schemas use, by what they mean to a person typing (the message says what to type).
const patternNames: Record<string, string> = {
  '\\S': 'notBlank',
  '^-?\\d{1,15}(\\.\\d{1,4})?$': 'decimal',
  '^[A-Z]{3}$': 'currency',
  '^https?://[^\\s]+$': 'url',
  '^\\+[1-9]\\d{1,14}$': 'e164',
};

export interface AjvErrorOptions {
  /** Prepended to every path (`records.3.` in a bulk body). */
  prefix?: string;
  /** Whether an unexpected top-level property is one the system writes (read_only) rather than unknown. */
  isSystemField?: (name: string) => boolean;
  /** Also name the bad value by its JSON pointer (RFC 6901), for bodies deeper than a record's fields. */
  isPointing?: boolean;
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** A field error for one Ajv error. */
export function fieldErrorFromAjv(error: ErrorObject, options: AjvErrorOptions = {}): FieldError {
  const path = error.instancePath.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  let segments = path;
  let code = error.keyword;
  let messageParams: Record<string, unknown> = {};
  // required and additionalProperties report on the object: name the property itself, under its parent
  // (annualRevenue.amount, address.planet), not as if it were a top-level field.
  if (error.keyword === 'required') {
    segments = [...path, String(params.missingProperty)];
  } else if (error.keyword === 'additionalProperties') {
    segments = [...path, String(params.additionalProperty)];
    code = path.length === 0 && options.isSystemField?.(segments[0]!) ? 'read_only' : 'unknown_field';
  } else if (error.keyword === 'enum') {
    messageParams = { allowed: (params.allowedValues as unknown[]).map(String).join(', ') };
  } else if (error.keyword === 'type') {
    messageParams = { expected: String(params.type) };
  } else if (error.keyword === 'format') {
    messageParams = { format: String(params.format) };
  } else if (error.keyword === 'pattern') {
    messageParams = { pattern: patternNames[String(params.pattern)] };
  } else if (error.keyword === 'minLength' && params.limit === 1) {
    code = 'required'; // an empty text where one is needed: to a person, simply not filled in
  } else if ('limit' in params) {
    messageParams = { limit: params.limit };
  } else if (error.keyword === 'multipleOf') {
    messageParams = { multipleOf: params.multipleOf };
  }
  const pointer = options.isPointing ? { pointer: segments.map((s) => `/${escapePointer(s)}`).join('') } : {};
  return { field: (options.prefix ?? '') + segments.join('.'), ...pointer, code, message: error.message ?? 'is invalid', params: messageParams };
}

/** Field errors for a failed validation, keeping the most telling one per field (anyOf gives one per branch). */
export function fieldErrorsFromAjv(errors: readonly ErrorObject[], options: AjvErrorOptions = {}): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const error of errors) {
    // "must match the then schema" only repeats that the branch chosen failed; its own errors say how.
    if (error.keyword === 'if') continue;
    const fieldError = fieldErrorFromAjv(error, options);
    const existing = byField.get(fieldError.field);
    if (!existing || existing.code === 'anyOf' || existing.code === 'oneOf' || existing.code === 'type') byField.set(fieldError.field, fieldError);
  }
  return [...byField.values()];
}
