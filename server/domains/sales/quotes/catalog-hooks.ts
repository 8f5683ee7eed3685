// The catalogue (price books, their entries, product rules) is kept by whoever may change products,
// and a price book's entries are in its currency.
import { canDo } from '../../../platform/access/index.ts';
import { Problem } from '../../../platform/http/problem.ts';
import { listRecords, type Caller, type ObjectHooks, type WriteEvent } from '../../../records/index.ts';
import { amountText, asSystem, literal } from './pricing.ts';

function assertCatalogueKeeper(caller: Caller): void {
  if (!caller.isSystem && !canDo(caller.ctx, 'products', 'edit')) throw new Problem(403, { key: 'detail.quoteCatalogueKeepers' });
}

const keeperOnly: ObjectHooks = {
  beforeWrite: ({ caller }) => assertCatalogueKeeper(caller),
  afterWrite: ({ caller }) => assertCatalogueKeeper(caller),
};

/** Price books: kept by the catalogue keepers; valid-to is not before valid-from. */
export const priceBookHooks: ObjectHooks = {
  ...keeperOnly,
  validate: ({ proposed }) =>
    proposed.validTo && String(proposed.validTo) < String(proposed.validFrom)
      ? [{ field: 'validTo', code: 'out_of_range', message: 'The end of validity is before its start.' }]
      : undefined,
};

/** Entries take their price book's currency. */
export const priceBookEntryHooks: ObjectHooks = {
  ...keeperOnly,
  beforeWrite: async ({ caller, proposed }: WriteEvent) => {
    assertCatalogueKeeper(caller);
    const [book] = (await listRecords(asSystem(caller), 'priceBooks', { filter: `id eq ${literal(proposed.priceBookId)}`, fields: 'currency', limit: 1 })).data;
    const amount = amountText(proposed.unitPrice);
    return book && amount !== undefined ? { unitPrice: { amount, currency: book.currency } } : undefined;
  },
};

/** Product rules: kept by the catalogue keepers; a rule never names its own product among the others. */
export const quoteRuleHooks: ObjectHooks = {
  ...keeperOnly,
  validate: ({ proposed }) =>
    ((proposed.relatedProductIds ?? []) as string[]).includes(proposed.productId as string)
      ? [{ field: 'relatedProductIds', code: 'cycle', message: 'A rule cannot name its own product.' }]
      : undefined,
};
