// The quote module's panels on record pages: a quote's editor, an order's lines, a price book's prices, a
// product rule's other products.
import { lazy } from 'react';
import type { DomainPanel } from '../screens.ts';

export const quotePanels: DomainPanel[] = [
  { object: 'quotes', panel: lazy(() => import('./QuoteEditorPanel.tsx')) },
  { object: 'orders', panel: lazy(() => import('./OrderLinesPanel.tsx')) },
  { object: 'priceBooks', panel: lazy(() => import('./PriceBookEntriesPanel.tsx')) },
  { object: 'quoteRules', panel: lazy(() => import('./RuleProductsPanel.tsx')) },
];
