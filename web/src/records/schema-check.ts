// Checks a create or update body in the browser against the JSON Schema the API publishes for the
// object (its OpenAPI document), before anything is sent. Ajv itself cannot run here: it compiles
// schemas with `new Function`, which the app's Content-Security-Policy forbids. TypeBox's schema
// checker interprets the same schema without code generation and reports errors in Ajv's shape, and
// the formats are ajv-formats' own, so a value passes here exactly when it passes on the server.
// Loaded on demand: only forms need it.
import Schema from 'typebox/schema';
import Format from 'typebox/format';
import { Settings } from 'typebox/system';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { browserFieldError, type FieldError } from './field-errors.ts';
import { wordFieldError } from '../../../server/platform/i18n/index.ts';

type FormatRule = RegExp | ((value: string) => boolean) | { validate: RegExp | ((value: string) => boolean) };

const test = (rule: RegExp | ((value: string) => boolean), value: string) => (rule instanceof RegExp ? rule.test(value) : rule(value));
for (const [name, definition] of Object.entries(fullFormats as Record<string, FormatRule | boolean>)) {
  if (typeof definition === 'boolean') continue;
  const rule = definition instanceof RegExp || typeof definition === 'function' ? definition : definition.validate;
  Format.Set(name, (value) => test(rule, value));
}
// Every error, as Ajv's allErrors gives them (TypeBox stops at eight by default).
Settings.Set({ maxErrors: 1000 });
// The two formats the server adds: a decimal amount, and a phone number judged later by libphonenumber.
Format.Set('decimal', (value) => /^-?\d{1,15}(\.\d{1,4})?$/.test(value));
Format.Set('phone', () => true);

// Ajv checks a string's keywords in this order and the server keeps the first error of a field;
// TypeBox's order differs, so the errors of one schema are put in Ajv's order first.
const AJV_ORDER = ['maxLength', 'minLength', 'pattern', 'format', 'maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'maxItems'];
const rank = (keyword: string) => (AJV_ORDER.includes(keyword) ? AJV_ORDER.indexOf(keyword) : AJV_ORDER.length);

function inAjvOrder<T extends { schemaPath: string; keyword: string }>(errors: T[]): T[] {
  const groups: T[][] = [];
  for (const error of errors) {
    const last = groups.at(-1);
    if (last && last[0]!.schemaPath === error.schemaPath) last.push(error);
    else groups.push([error]);
  }
  return groups.flatMap((group) => group.toSorted((a, b) => rank(a.keyword) - rank(b.keyword)));
}

/** The field errors of a body, one per field, chosen and worded as the server chooses and words them. */
export function checkBody(schema: object, body: Record<string, unknown>): FieldError[] {
  const [isValid, errors] = Schema.Errors(schema as Parameters<typeof Schema.Errors>[0], body);
  if (isValid) return [];
  const byField = new Map<string, FieldError>();
  for (const error of inAjvOrder(errors)) {
    const path = error.instancePath.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const params = error.params as Record<string, unknown>;
    const found: FieldError[] =
      error.keyword === 'required'
        ? ((params.requiredProperties as string[] | undefined) ?? []).map((name) => ({ field: [...path, name].join('.'), code: 'required', message: 'is required', params: {} }))
        : error.keyword === 'boolean' || error.keyword === 'additionalProperties'
          ? []
          : [browserFieldError(error)];
    for (const fe of found) {
      const existing = byField.get(fe.field);
      if (!existing || existing.code === 'anyOf' || existing.code === 'type') byField.set(fe.field, fe);
    }
  }
  return [...byField.values()];
}

/** The field errors of a body as checkBody finds them, worded in the screen's language as the server words its own. */
export function checkBodyWorded(schema: object, body: Record<string, unknown>, language: string): FieldError[] {
  const locale = language === 'en' ? 'en' : 'zh-CN';
  // Worded here, the error needs no parameters any more: the form shows its message as it is.
  return checkBody(schema, body).map(({ params, ...error }) => ({ ...error, message: wordFieldError(locale, { ...error, params }) }));
}
