// The one Ajv configuration of the server: request schemas (Fastify) and record bodies (the records
// engine) are checked with the same options and formats, and their errors mapped by ajv-errors.ts.
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * A validator. JSON bodies are taken as typed (`{"email": 123}` is an error, not "123"); query strings
 * and path parameters are text by nature, so they may be coerced to the declared types.
 */
export function createAjv({ isCoercing = false, isFillingDefaults = false } = {}): Ajv {
  // Defaults fill in request parameters only: a record body must never gain values it did not send
  // (a PATCH would reset fields).
  const ajv = addFormats(new Ajv({ allErrors: true, coerceTypes: isCoercing ? 'array' : false, removeAdditional: false, useDefaults: isFillingDefaults, strict: false }));
  // Formats the field types declare for clients: a decimal's digits are also held by its pattern, and a
  // phone number is judged by its codec (libphonenumber), which knows every country's numbering plan.
  ajv.addFormat('decimal', /^-?\d{1,15}(\.\d{1,4})?$/);
  ajv.addFormat('phone', { validate: () => true });
  return ajv;
}
