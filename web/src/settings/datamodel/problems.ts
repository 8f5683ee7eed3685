// A failed request as the Settings forms show it: each field error under its field (by the path the
// API names, e.g. `label.en` or `options.1.value`), anything else as one message.
import { ApiError } from '../../app/api.ts';
import { fieldErrorText } from '../../records/field-errors.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface ShownProblem {
  fields: Record<string, string>;
  message: string | null;
}

/** The errors of a failed call, by field path, in the screen's language. */
export function problemOf(caught: unknown, t: Translate, language: string): ShownProblem {
  if (!(caught instanceof ApiError)) return { fields: {}, message: t('common.error') };
  const fields: Record<string, string> = {};
  for (const error of caught.problem.errors ?? []) {
    // Ajv names a body path with slashes or dots depending on where it came from; the form uses dots.
    const path = error.field.replace(/^\/+/, '').replaceAll('/', '.');
    fields[path] ??= fieldErrorText(t, language, error);
  }
  return { fields, message: caught.problem.detail ?? caught.message };
}
