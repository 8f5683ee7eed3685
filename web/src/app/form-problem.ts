// A failed request as a form shows it: each field error under its field (by the path the API names,
// e.g. `name`, `label.en` or `options.1.value`), anything else as one message above the fields.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';

export interface FormProblem {
  /** What went wrong, in the server's words (already in the screen's language), or a generic message. */
  message: string | null;
  /** Field path → message, for the errors the server pinned on a field. */
  fields: Record<string, string>;
}

/** Thrown by a form's own check before sending: messages by field, nothing above the fields. */
export class FieldProblem extends Error {
  constructor(readonly fields: Record<string, string>) {
    super('field problem');
  }
}

/** The errors of a failed call, by field path; `fallback` when the call did not reach the API. */
export function formProblem(caught: unknown, fallback: string): FormProblem {
  if (caught instanceof FieldProblem) return { message: null, fields: caught.fields };
  if (!(caught instanceof ApiError)) return { message: fallback, fields: {} };
  const fields: Record<string, string> = {};
  for (const error of caught.problem.errors ?? []) {
    // Ajv names a body path with slashes or dots depending on where it came from; forms use dots.
    fields[error.field.replace(/^\/+/, '').replaceAll('/', '.')] ??= error.message;
  }
  return { message: caught.problem.detail ?? caught.message, fields };
}

export interface FormAction {
  run: () => Promise<void>;
  isBusy: boolean;
  problem: FormProblem | null;
  setProblem: (problem: FormProblem | null) => void;
}

/** Runs a form's save: busy while it runs, its failure kept as a `FormProblem` for the fields. */
export function useFormAction(action: () => Promise<void>): FormAction {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [isBusy, setBusy] = useState(false);
  const run = async () => {
    setProblem(null);
    setBusy(true);
    try {
      await action();
    } catch (caught) {
      setProblem(formProblem(caught, t('common.error')));
    } finally {
      setBusy(false);
    }
  };
  return { run, isBusy, problem, setProblem };
}
