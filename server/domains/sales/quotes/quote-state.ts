// What a quote's state allows: only a draft, current version, not waiting for approval, changes.
import { Problem } from '../../../platform/http/problem.ts';
import type { RecordValues } from '../../../records/index.ts';

/** Throws 409 unless a user may change this quote's content (its lines, prices and discounts). */
export function assertQuoteEditable(quote: RecordValues): void {
  if (quote.isSuperseded) throw new Problem(409, { key: 'detail.quoteSuperseded' });
  if (quote.approvalStatus === 'pending') throw new Problem(409, { key: 'detail.quotePendingApproval' });
  if (quote.status !== 'draft') throw new Problem(409, { key: 'detail.quoteNotDraft', params: { status: quote.status } });
}
