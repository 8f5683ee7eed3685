// Field errors in the server's words. The server words its own errors in the screen's language (the
// app sends Accept-Language); errors the browser finds before sending are mapped and worded by the
// server's own code (platform/http/ajv-errors.ts, platform/i18n), so a field reads alike whoever found it.
// The wording happens in schema-check.ts, loaded with the first form, so that the server's catalogue
// of messages is not part of the first screen's JavaScript.
import type { ErrorObject } from 'ajv';
import { fieldErrorFromAjv } from '../../../server/platform/http/ajv-errors.ts';
import type { FieldError } from '../../../server/platform/http/field-error.ts';

export type { FieldError };

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A field error for one validator error found in the browser (Ajv's shape), as the server maps it. */
export function browserFieldError(error: Pick<ErrorObject, 'keyword' | 'instancePath' | 'params' | 'schemaPath'>): FieldError {
  return fieldErrorFromAjv(error as ErrorObject);
}

/** The text to show under a field for one error: both the server's and the browser's arrive worded in the screen's language. */
export function fieldErrorText(_t: Translate, _language: string, error: FieldError): string {
  return error.message;
}
