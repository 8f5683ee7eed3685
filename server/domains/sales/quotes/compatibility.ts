// Compatibility rules between products, checked against a quote's lines: a product that requires
// others, one that excludes others, and bundles whose other products come along. Errors name the
// offending lines (`lines.2.productId`), so the editor marks them.
import type { FieldError } from '../../../records/index.ts';

export interface CompatibilityRule {
  id: string;
  kind: 'requires' | 'excludes' | 'bundle';
  productId: string;
  relatedProductIds: string[];
}

/** Lines in their order; `productId` of each. */
export interface RuleLine {
  productId: string;
}

const nameList = (ids: string[], names: Map<string, string>) => ids.map((id) => names.get(id) ?? id).join(', ');

/**
 * The products bundles add: for each bundle product on the quote, its other products that are not
 * on it yet, in rule order (each once).
 */
export function missingBundleProducts(lines: RuleLine[], rules: CompatibilityRule[]): Array<{ productId: string; ruleId: string }> {
  const present = new Set(lines.map((l) => l.productId));
  const added: Array<{ productId: string; ruleId: string }> = [];
  for (const rule of rules) {
    if (rule.kind !== 'bundle' || !present.has(rule.productId)) continue;
    for (const productId of rule.relatedProductIds) {
      if (present.has(productId)) continue;
      present.add(productId);
      added.push({ productId, ruleId: rule.id });
    }
  }
  return added;
}

/** The field errors the rules find in the lines (empty when the quote is compatible). */
export function checkCompatibility(lines: RuleLine[], rules: CompatibilityRule[], names: Map<string, string>, prefix = 'lines'): FieldError[] {
  const errors: FieldError[] = [];
  const linesOf = new Map<string, number[]>();
  lines.forEach((line, index) => linesOf.set(line.productId, [...(linesOf.get(line.productId) ?? []), index]));
  const add = (index: number, code: string, message: string, products: string) => {
    const field = `${prefix}.${index}.productId`;
    if (!errors.some((e) => e.field === field && e.code === code)) errors.push({ field, code, message, params: { products } });
  };
  for (const rule of rules) {
    const at = linesOf.get(rule.productId);
    if (!at) continue;
    const product = names.get(rule.productId) ?? rule.productId;
    if (rule.kind === 'requires' || rule.kind === 'bundle') {
      const missing = rule.relatedProductIds.filter((id) => !linesOf.has(id));
      if (!missing.length) continue;
      const products = nameList(missing, names);
      const code = rule.kind === 'requires' ? 'requires_product' : 'bundle_incomplete';
      for (const index of at) add(index, code, `${product} requires ${products} on the same quote.`, products);
    } else {
      for (const other of rule.relatedProductIds) {
        const clashes = linesOf.get(other);
        if (!clashes) continue;
        const otherName = names.get(other) ?? other;
        for (const index of at) add(index, 'excludes_product', `${product} cannot be sold together with ${otherName}.`, otherName);
        for (const index of clashes) add(index, 'excludes_product', `${otherName} cannot be sold together with ${product}.`, product);
      }
    }
  }
  return errors.toSorted((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true }));
}
