// Checks of what administrators set up: a process names an object that can be approved and an entry
// condition the filter language understands for it; a step names whom it needs and a real amount field.
import { sql } from 'drizzle-orm';
import { Problem } from '../../platform/http/problem.ts';
import { getRecord, listRecords, systemCaller, type FieldError, type ObjectHooks } from '../../records/index.ts';
import { isApprovable } from './engine.ts';

export const processHooks: ObjectHooks = {
  validate: async ({ caller, proposed }) => {
    const objectName = String(proposed.objectName ?? '');
    if (!isApprovable(caller, objectName)) {
      return [{ field: 'objectName', code: 'invalid', message: 'names no object with an approval status' }];
    }
    const condition = String(proposed.entryCondition ?? '').trim();
    if (!condition) return;
    try {
      await listRecords(systemCaller(caller, caller.ctx.userId), objectName, { filter: condition, limit: 1, fields: 'id' });
    } catch (error) {
      if (error instanceof Problem && error.status === 400) {
        return [{ field: 'entryCondition', code: 'invalid_filter', message: error.errors[0]?.message ?? error.message }];
      }
      throw error;
    }
  },
};

export const stepHooks: ObjectHooks = {
  validate: async ({ caller, proposed }) => {
    const errors: FieldError[] = [];
    if (proposed.approverKind === 'user' && !proposed.approverId) errors.push({ field: 'approverId', code: 'required', message: 'is required for a named user' });
    if (proposed.approverKind === 'role') {
      const [role] = proposed.roleKey ? await caller.db.rows(sql`select 1 from roles where key = ${String(proposed.roleKey)}`) : [];
      if (!role) errors.push({ field: 'roleKey', code: 'not_found', message: 'names no role' });
    }
    if (proposed.amountField) {
      const process = await getRecord(systemCaller(caller, caller.ctx.userId), 'approvalProcesses', String(proposed.processId)).catch(() => undefined);
      const objectName = String(process?.objectName ?? '');
      const field = caller.registry.has(objectName) ? caller.registry.get(objectName).fields.find((f) => f.name === proposed.amountField) : undefined;
      if (!field || !['number', 'currency'].includes(field.type)) errors.push({ field: 'amountField', code: 'invalid', message: 'is not a number or amount field of the object' });
      if (proposed.amountAbove === null || proposed.amountAbove === undefined) errors.push({ field: 'amountAbove', code: 'required', message: 'is required with an amount field' });
    }
    return errors;
  },
};
