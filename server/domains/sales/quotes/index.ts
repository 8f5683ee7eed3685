// The quotes module: products priced from price books, quotes with line items whose figures are
// derived on the server in exact decimals, compatibility rules between products, approval of big
// discounts (with the approval engine), versions, a branded PDF, and the order of an accepted quote.
// Listed after the forecast module.
import { defineModule, type ObjectHooks } from '../../../records/index.ts';
import { Problem } from '../../../platform/http/problem.ts';
import { priceBookEntries, priceBooks, quoteRules } from './catalog-objects.ts';
import { priceBookEntryHooks, priceBookHooks, quoteRuleHooks } from './catalog-hooks.ts';
import { quoteLineHooks } from './line-hooks.ts';
import { orderLines, orders } from './order-objects.ts';
import { orderLineHooks } from './orders.ts';
import { quoteHooks } from './quote-hooks.ts';
import { quoteLines, quotes } from './quote-objects.ts';
import { quoteRoutes } from './routes.ts';
import { quoteJobs } from './expiry.ts';

/** Orders are made from accepted quotes (POST /quotes/{id}/order), never created by hand. */
const orderHooks: ObjectHooks = {
  beforeWrite: ({ caller, action }) => {
    if (action === 'create' && !caller.isSystem) throw new Problem(409, { key: 'detail.ordersFromQuotes' });
  },
};

export const quotesModule = defineModule({
  name: 'quotes',
  // Tables refer to those before them: books before entries, quotes before lines and orders.
  objects: [priceBooks, priceBookEntries, quoteRules, quotes, quoteLines, orders, orderLines],
  hooks: {
    priceBooks: priceBookHooks,
    priceBookEntries: priceBookEntryHooks,
    quoteRules: quoteRuleHooks,
    quotes: quoteHooks,
    quoteLines: quoteLineHooks,
    orders: orderHooks,
    orderLines: orderLineHooks,
  },
  routes: quoteRoutes,
  jobs: quoteJobs,
});
