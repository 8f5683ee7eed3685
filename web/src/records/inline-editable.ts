// Which fields a list cell edits in place; apart from the cell editor, so the list knows it without
// loading the editor and its inputs before the first edit.
import type { FieldDef } from '../app/metadata.ts';

const NOT_INLINE = new Set(['multiLookup', 'address', 'json', 'autoNumber', 'parent', 'richText', 'longText', 'boolean']);

/** Whether a field can be changed in a list cell. */
export const isInlineEditable = (field: FieldDef) => !field.isReadOnly && !NOT_INLINE.has(field.type) && !field.targetFrom;
