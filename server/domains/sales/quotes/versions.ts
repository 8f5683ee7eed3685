// Quote versions: a new version copies the quote and its lines with the next version number and
// supersedes the old one, which stays readable but can no longer change.
import { Problem } from '../../../platform/http/problem.ts';
import { createRecord, getRecord, notFoundUnlessEditable, updateRecord, writeTransaction, type Caller, type RecordValues } from './engine.ts';
import { linesOf, withLineBatch } from './line-hooks.ts';
import { asSystem } from './pricing.ts';

const copiedFields = ['name', 'accountId', 'opportunityId', 'contactId', 'currency', 'priceBookId', 'quoteDate', 'validUntil', 'discountPercent', 'notes'];
const copiedLineFields = ['position', 'productId', 'description', 'quantity', 'listPrice', 'unitPrice', 'isPriceOverridden', 'discountPercent', 'taxRate', 'addedByRuleId'];

const pick = (record: RecordValues, fields: string[]) => Object.fromEntries(fields.map((f) => [f, record[f] ?? null]));

/** Makes a new draft version of a quote the caller may edit; the old one becomes read-only. */
export async function newQuoteVersion(c: Caller, quoteId: string): Promise<RecordValues> {
  return writeTransaction(c, async (t) => {
    const old = await getRecord(t, 'quotes', quoteId);
    await notFoundUnlessEditable(t, 'quotes', quoteId);
    if (old.isSuperseded) throw new Problem(409, { key: 'detail.quoteSuperseded' });
    if (old.approvalStatus === 'pending') throw new Problem(409, { key: 'detail.quotePendingApproval' });
    const system = asSystem(t);
    const copy = await createRecord(t, 'quotes', pick(old, copiedFields));
    const copyId = copy.id as string;
    await withLineBatch(t, copyId, async () => {
      for (const line of await linesOf(t, quoteId)) await createRecord(system, 'quoteLines', { quoteId: copyId, ...pick(line, copiedLineFields) });
    });
    await updateRecord(system, 'quotes', quoteId, { isSuperseded: true });
    return updateRecord(system, 'quotes', copyId, { versionNumber: Number(old.versionNumber ?? 1) + 1, previousVersionId: quoteId });
  });
}
