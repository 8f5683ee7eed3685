// What a new field for an unmapped import column should probably be, judged from the column's title and
// the file's first values: a number, a yes/no switch, a pick-list of the few words it repeats, or text.
import type { FieldSuggestion } from '../../settings/datamodel/field-types.ts';

const MAX_OPTIONS = 12;
const yes = new Set(['yes', 'no', 'true', 'false', 'y', 'n', '是', '否']);
const isNumber = (v: string) => /^-?\d+([.,]\d+)?$/.test(v);

/** The suggested field for a column, given its title and sample values (empty ones ignored). */
export function suggestFieldFor(title: string, samples: string[]): FieldSuggestion {
  const values = samples.map((v) => v.trim()).filter(Boolean);
  const label = title.trim();
  if (!values.length) return { label, type: 'text' };
  if (values.every(isNumber)) return { label, type: 'number' };
  if (values.every((v) => yes.has(v.toLowerCase()))) return { label, type: 'boolean' };
  const distinct = [...new Set(values)];
  // A few words repeated across the rows read as choices; as many words as rows read as free text.
  if (distinct.length <= MAX_OPTIONS && distinct.length < values.length) return { label, type: 'select', options: distinct };
  return { label, type: 'text' };
}
