// The work-report objects' rules, run on every write path: templates are changed by administrators and
// hold well-formed questions and times; a report's period, title and key follow from its kind, start and
// author, and a submitted report no longer changes; comments name their author; reads are the system's.
import { assertAdmin } from '../../../platform/access/index.ts';
import { Problem, type FieldError } from '../../../platform/http/problem.ts';
import type { ObjectHooks, RecordValues } from '../../../records/index.ts';
import { addDays, weekdayOf, type ReportKind } from './period.ts';
import type { TemplateQuestion } from './report-shape.ts';

export type { TemplateQuestion } from './report-shape.ts';

const MAX_QUESTIONS = 30;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;
const keyPattern = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
const isLabel = (v: unknown) => {
  const l = v as Record<string, unknown> | null;
  return Boolean(l && typeof l === 'object' && [l.en, l['zh-CN']].every((s) => typeof s === 'string' && s.trim() && s.length <= 200));
};

/** The questions of a template, or an error message saying what is wrong with them. */
export function parseQuestions(value: unknown): TemplateQuestion[] | string {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_QUESTIONS) return `a list of at most ${MAX_QUESTIONS} questions`;
  const keys = new Set<string>();
  for (const q of value as Array<Record<string, unknown>>) {
    if (!q || typeof q !== 'object' || typeof q.key !== 'string' || !keyPattern.test(q.key)) return 'each question needs a key of letters and digits';
    if (keys.has(q.key)) return `the key "${q.key}" is used twice`;
    keys.add(q.key);
    if (!isLabel(q.label)) return 'each question needs a label in English and Chinese';
    if (q.isRequired !== undefined && typeof q.isRequired !== 'boolean') return 'isRequired is true or false';
  }
  return value as TemplateQuestion[];
}

/** Templates: administrators only; questions, times and weekday checked. */
export const templateHooks: ObjectHooks = {
  beforeWrite: ({ caller }) => {
    assertAdmin(caller.ctx);
  },
  validate: ({ proposed }) => {
    const errors: FieldError[] = [];
    const questions = parseQuestions(proposed.questions);
    if (typeof questions === 'string') errors.push({ field: 'questions', code: 'workReport_badQuestions', message: questions });
    if (!timePattern.test(String(proposed.deadlineTime ?? ''))) errors.push({ field: 'deadlineTime', code: 'workReport_badTime', message: 'a time such as 18:00' });
    const weekday = Number(proposed.deadlineWeekday ?? 5);
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) errors.push({ field: 'deadlineWeekday', code: 'out_of_range', message: 'a weekday from 1 (Monday) to 7 (Sunday)' });
    const minutes = Number(proposed.remindMinutesBefore ?? 30);
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) errors.push({ field: 'remindMinutesBefore', code: 'out_of_range', message: 'minutes from 0 to 1440' });
    return errors;
  },
  afterWrite: ({ caller, action }) => {
    if (action === 'delete' || action === 'restore') assertAdmin(caller.ctx);
  },
};

const dateText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '').slice(0, 10));
/** Fields fixed once a report exists: its period is what it is about. */
const fixedFields = ['kind', 'periodStart', 'ownerId'];
/** Fields the author may still change on a submitted report: none of its content. */
const contentFields = ['answers', 'ccIds', 'templateId', ...fixedFields];

/** The title a report is listed and found under, e.g. "日报 2026-12-05". */
export function reportTitle(kind: ReportKind, start: string, end: string): string {
  return kind === 'daily' ? `日报 ${start}` : `周报 ${start} – ${end}`;
}

/** Reports: derived period end, title and one-per-period key; fixed period; a submitted report is final. */
export const reportHooks: ObjectHooks = {
  beforeWrite: ({ caller, action, before, proposed }) => {
    if (action === 'update') {
      const changed = (name: string) => JSON.stringify(proposed[name] ?? null) !== JSON.stringify(before?.[name] ?? null);
      const moved = fixedFields.filter((name) => (name === 'periodStart' ? dateText(proposed[name]) !== dateText(before?.[name]) : changed(name)));
      if (moved.length) throw new Problem(400, { key: 'detail.400' }, moved.map((field) => ({ field, code: 'workReport_fixed', message: 'the period of a report cannot change' })));
      return;
    }
    const kind = proposed.kind as ReportKind;
    const start = dateText(proposed.periodStart);
    const end = kind === 'weekly' ? addDays(start, 6) : start;
    const derived: RecordValues = { periodEnd: end, title: reportTitle(kind, start, end), periodKey: `${String(proposed.ownerId ?? caller.ctx.userId)}:${kind}:${start}`, status: 'draft' };
    return derived;
  },
  validate: ({ caller, action, before, proposed, changes }) => {
    if (action === 'create' && proposed.kind === 'weekly' && weekdayOf(dateText(proposed.periodStart)) !== 1) {
      return [{ field: 'periodStart', code: 'workReport_notPeriodStart', message: 'a weekly report starts on a Monday' }];
    }
    // The system (the submit command) writes the submitted report itself.
    if (action === 'update' && before?.status === 'submitted' && !caller.isSystem) {
      const touched = contentFields.filter((name) => name in changes);
      if (touched.length) return touched.map((field) => ({ field, code: 'workReport_submitted', message: 'a submitted report cannot be changed' }));
    }
  },
};

/** Comments: the writer is their author; only the author changes or removes a comment. */
export const commentHooks: ObjectHooks = {
  beforeWrite: ({ caller, action, before }) => {
    if (action === 'create') return { authorId: caller.ctx.userId };
    if (!caller.isSystem && before?.authorId !== caller.ctx.userId) throw new Problem(403, { key: 'detail.403' });
  },
  afterWrite: ({ caller, action, before }) => {
    if ((action === 'delete' || action === 'restore') && !caller.isSystem && before?.authorId !== caller.ctx.userId) throw new Problem(403, { key: 'detail.403' });
  },
};

/** Reads are recorded by the system when a reader opens a report. */
export const readHooks: ObjectHooks = {
  beforeWrite: ({ caller }) => {
    if (!caller.isSystem) throw new Problem(405, { key: 'detail.405' });
  },
  afterWrite: ({ caller }) => {
    if (!caller.isSystem) throw new Problem(405, { key: 'detail.405' });
  },
};
