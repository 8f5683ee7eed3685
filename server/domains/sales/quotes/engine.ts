// The records engine's services as the quote module uses them, plus the one check it adds: that the
// caller may change a record (not only read it).
import { Problem } from '../../../platform/http/problem.ts';
import { recordAccessOf, type Caller } from '../../../records/index.ts';

export { createRecord, deleteRecord, getRecord, listRecords, systemCaller, updateRecord, writeTransaction } from '../../../records/index.ts';
export type { Caller, FieldError, RecordValues } from '../../../records/index.ts';

/** 404 for a record the caller cannot read, 403 for one they can read but not change. */
export async function notFoundUnlessEditable(c: Caller, objectName: string, id: string): Promise<void> {
  const access = await recordAccessOf(c, objectName, id);
  if (access === 'none') throw new Problem(404, { key: 'detail.404' });
  if (access !== 'edit') throw new Problem(403, { key: 'detail.403' });
}
