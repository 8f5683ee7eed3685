// What a lead's writes derive: the owner from the assignment rules (a new lead nobody chose an owner
// for), the duplicate flag, and the learned score with its top factors. Only the conversion marks a
// lead converted (an import may bring leads converted before).
import type { FieldError, ObjectHooks, RecordValues, WriteEvent } from '../../records/index.ts';
import { assignLead } from './lead-assignment.ts';
import { hasDuplicates } from './lead-duplicates.ts';
import { scoreValues } from './lead-score.ts';
import { readRouting } from './lead-settings.ts';

const isChanged = (e: WriteEvent, fields: string[]) => e.action === 'create' || fields.some((f) => f in e.changes && e.changes[f] !== e.before?.[f]);

async function derive(e: WriteEvent): Promise<RecordValues> {
  const db = e.caller.db;
  const derived: RecordValues = {};
  if (e.action === 'create' && !('ownerId' in e.changes)) {
    const routing = await readRouting(db);
    if (routing.isRoutingManualLeads || e.caller.isSystem) {
      const assignment = await assignLead(db, e.proposed, routing);
      if (assignment) derived.ownerId = assignment.ownerId;
    }
  }
  if (isChanged(e, ['email', 'phone', 'company'])) derived.isDuplicate = await hasDuplicates(db, e.id, e.proposed);
  if (isChanged(e, ['source', 'industry', 'province', 'email', 'phone'])) Object.assign(derived, await scoreValues(db, e.proposed));
  return derived;
}

function check(e: WriteEvent): FieldError[] | void {
  // A create may bring a lead converted elsewhere (an import of past leads, which the score learns from).
  if (e.caller.isSystem || e.action === 'create' || !isChanged(e, ['status'])) return;
  if (e.proposed.status === 'converted') return [{ field: 'status', code: 'read_only', message: 'a lead becomes converted through its conversion' }];
  if (e.before?.status === 'converted') return [{ field: 'status', code: 'read_only', message: 'a converted lead stays converted' }];
}

export const leadHooks: ObjectHooks = { beforeWrite: derive, validate: check };
