// A task's checklist: a JSON list of items, each a text and whether it is done. The engine stores any
// JSON in a `json` field; this module says what a checklist may hold, field by field, so a bad item
// comes back as one 400 naming `checklist.2.text` rather than as a 500 or a silently kept mess.
import type { FieldError } from '../../records/index.ts';
import { MAX_CHECKLIST_ITEMS, MAX_ITEM_LENGTH, type ChecklistItem } from './checklist-shape.ts';

export { MAX_CHECKLIST_ITEMS, MAX_ITEM_LENGTH, type ChecklistItem } from './checklist-shape.ts';

const itemKeys = new Set<string>(['text', 'isDone'] satisfies Array<keyof ChecklistItem>);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The problems of a checklist value, each naming the item and key (empty when it is a valid checklist or null). */
export function checklistErrors(value: unknown, field = 'checklist'): FieldError[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return [{ field, code: 'type', message: 'A checklist is a list of items.', params: { expected: 'array' } }];
  if (value.length > MAX_CHECKLIST_ITEMS) {
    return [{ field, code: 'maxItems', message: `A checklist has at most ${MAX_CHECKLIST_ITEMS} items.`, params: { limit: MAX_CHECKLIST_ITEMS } }];
  }
  const errors: FieldError[] = [];
  value.forEach((item, i) => {
    const at = `${field}.${i}`;
    if (!isPlainObject(item)) {
      errors.push({ field: at, code: 'type', message: 'An item is an object with text and isDone.', params: { expected: 'object' } });
      return;
    }
    for (const key of Object.keys(item)) {
      if (!itemKeys.has(key)) errors.push({ field: `${at}.${key.slice(0, 50)}`, code: 'unknown_field', message: `"${key.slice(0, 50)}" is not a part of a checklist item.` });
    }
    if (typeof item.text !== 'string' || item.text.trim() === '') {
      errors.push({ field: `${at}.text`, code: 'required', message: 'Each item needs a text.' });
    } else if (item.text.length > MAX_ITEM_LENGTH) {
      errors.push({ field: `${at}.text`, code: 'maxLength', message: `An item's text has at most ${MAX_ITEM_LENGTH} characters.`, params: { limit: MAX_ITEM_LENGTH } });
    }
    if (typeof item.isDone !== 'boolean') errors.push({ field: `${at}.isDone`, code: 'type', message: 'isDone is true or false.', params: { expected: 'boolean' } });
  });
  return errors;
}
