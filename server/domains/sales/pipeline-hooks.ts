// Rules of pipelines and their stages: one default pipeline, sensible numbers, and stages whose
// required fields are real fields of opportunities.
import { sql } from 'drizzle-orm';
import { invalidField } from '../../platform/http/problem.ts';
import { systemCaller, updateRecord, type FieldError, type ObjectHooks, type RecordValues } from '../../records/index.ts';

const isWholeIn = (value: unknown, min: number, max: number, field: string): FieldError[] => {
  if (value === null || value === undefined) return [];
  const n = Number(value);
  if (!Number.isInteger(n)) return [{ field, code: 'multipleOf', message: 'must be a whole number', params: { multipleOf: 1 } }];
  if (n < min) return [{ field, code: 'minimum', message: `must be ${min} or more`, params: { limit: min } }];
  if (n > max) return [{ field, code: 'maximum', message: `must be ${max} or less`, params: { limit: max } }];
  return [];
};

export const pipelineHooks: ObjectHooks = {
  validate: ({ caller, changes, before }) => {
    const errors = isWholeIn(changes.staleAfterDays, 1, 365, 'staleAfterDays');
    // The default moves by making another pipeline the default (the system then clears the former one).
    if (before?.isDefault && changes.isDefault === false && !caller.isSystem) {
      errors.push({ field: 'isDefault', code: 'not_allowed', message: 'make another pipeline the default instead' });
    }
    if ((changes.isDefault ?? before?.isDefault) && changes.isActive === false) {
      errors.push({ field: 'isActive', code: 'not_allowed', message: 'the default pipeline stays active' });
    }
    return errors;
  },
  afterWrite: async ({ caller, action, id, before, record }) => {
    if (action === 'delete' && before?.isDefault) {
      throw invalidField('isDefault', 'not_allowed', 'The default pipeline cannot be deleted: make another pipeline the default first.');
    }
    if (!record?.isDefault || before?.isDefault) return;
    // A new default: the former one stops being it (as the system, so the change is logged as usual).
    const former = await caller.db.rows<{ id: string }>(sql`select id from pipelines where is_default and id <> ${id}::uuid and deleted_at is null`);
    for (const other of former) await updateRecord(systemCaller(caller, caller.ctx.userId), 'pipelines', other.id, { isDefault: false });
  },
};

const isClosed = (v: unknown) => v === 'won' || v === 'lost';

/** The standard stage a stage stands for when its administrator does not say: by kind, then by probability. */
export function standardStageFor(kind: unknown, probability: unknown): string {
  if (kind === 'won' || kind === 'lost') return kind;
  const p = Number(probability ?? 0);
  return p < 30 ? 'interest' : p < 60 ? 'preference' : 'negotiation';
}

export const pipelineStageHooks: ObjectHooks = {
  // An empty standard stage, or one a kind change contradicts, is derived; an administrator's choice stays.
  beforeWrite: ({ changes, proposed }) => {
    if ('standardStage' in changes && changes.standardStage) return;
    const standard = proposed.standardStage;
    const fits = standard && (isClosed(proposed.kind) ? standard === proposed.kind : !isClosed(standard));
    if (fits) return;
    return { standardStage: standardStageFor(proposed.kind, proposed.probability) } satisfies RecordValues;
  },
  validate: ({ caller, changes, proposed }) => {
    const errors = [...isWholeIn(changes.probability, 0, 100, 'probability'), ...isWholeIn(changes.order, 0, 10000, 'order')];
    const kind = proposed.kind;
    const standard = proposed.standardStage;
    if ((kind === 'won' || kind === 'lost' || standard === 'won' || standard === 'lost') && standard !== kind) {
      errors.push({ field: 'standardStage', code: 'not_allowed', message: 'a won or lost stage stands for the standard stage of the same kind' });
    }
    if ('requiredFields' in changes) {
      const opportunities = caller.registry.get('opportunities');
      ((changes.requiredFields as string[] | null) ?? []).forEach((name, i) => {
        const field = opportunities.fields.find((f) => f.name === name);
        if (!field || field.isReadOnly || field.type === 'autoNumber') {
          errors.push({ field: `requiredFields.${i}`, code: 'unknown_field', message: `"${name.slice(0, 100)}" is not a field of opportunities that people fill in` });
        }
      });
    }
    return errors;
  },
  afterWrite: async ({ caller, action, id }) => {
    if (action !== 'delete') return;
    const [inUse] = await caller.db.rows(sql`select 1 from opportunities where stage_id = ${id}::uuid and deleted_at is null limit 1`);
    if (inUse) throw invalidField('id', 'not_allowed', 'Opportunities are in this stage: move them to another stage first.');
  },
};
