// Rewriting a quote's lines in one go (the quote editor's save): every line written with the caller's
// access, then one refresh of the quote, so the lines are checked together; all of it or nothing.
import { createRecord, deleteRecord, getRecord, notFoundUnlessEditable, updateRecord, writeTransaction, type Caller, type RecordValues } from './engine.ts';
import { sql } from 'drizzle-orm';
import { Problem } from '../../../platform/http/problem.ts';
import { linesOf, withLineBatch } from './line-hooks.ts';
import { assertQuoteEditable } from './quote-state.ts';
import type { LineInput, QuoteWithLines } from './quote-shape.ts';

export type { LineInput } from './quote-shape.ts';

/** A quote with its lines, as the editor shows it. */
export async function quoteWithLines(c: Caller, quoteId: string): Promise<QuoteWithLines<RecordValues>> {
  const quote = await getRecord(c, 'quotes', quoteId);
  return { quote, lines: await linesOf(c, quoteId) };
}

/**
 * Makes `lines` the quote's lines, in their order: lines with an id are updated, the others created,
 * the quote's other lines removed. Errors name the line as `lines.{index}.{field}`.
 */
export async function replaceLines(c: Caller, quoteId: string, lines: LineInput[]): Promise<QuoteWithLines<RecordValues>> {
  return writeTransaction(c, async (t) => {
    await notFoundUnlessEditable(t, 'quotes', quoteId);
    // Two saves of the same quote take turns: each reads the lines the other left.
    await t.db.rows(sql`select id from ${sql.identifier(t.registry.get('quotes').table)} where id = ${quoteId}::uuid for update`);
    assertQuoteEditable(await getRecord(t, 'quotes', quoteId));
    const existing = await linesOf(t, quoteId);
    const keptIds = new Set(lines.map((l) => l.id).filter(Boolean));
    for (const [index, line] of lines.entries()) {
      if (line.id && !existing.some((e) => e.id === line.id)) {
        throw new Problem(400, { key: 'detail.400' }, [{ field: `lines.${index}.id`, code: 'not_found', message: 'This line is not on the quote.' }]);
      }
    }
    await withLineBatch(t, quoteId, async () => {
      for (const old of existing) if (!keptIds.has(old.id as string)) await deleteRecord(t, 'quoteLines', old.id as string);
      for (const [index, line] of lines.entries()) {
        const body: RecordValues = {
          productId: line.productId,
          quantity: line.quantity,
          discountPercent: line.discountPercent ?? 0,
          unitPrice: line.unitPrice ?? null,
          position: index + 1,
          ...(line.description !== undefined ? { description: line.description } : {}),
        };
        if (line.id) await updateRecord(t, 'quoteLines', line.id, body, undefined, `lines.${index}.`);
        else await createRecord(t, 'quoteLines', { quoteId, ...body }, `lines.${index}.`);
      }
    });
    return quoteWithLines(t, quoteId);
  });
}
