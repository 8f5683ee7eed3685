// What a user decides about an import: which column fills which field, how values are read, and how
// rows find the records they update. The suggested mapping matches column titles against each
// field's API name and both labels, ignoring case, spaces, punctuation and a required-mark.
import type { Caller, FieldDefinition, ObjectDefinition } from '../../records/index.ts';
import { definitionFor, fieldByName } from '../../records/index.ts';

import type { ImportSettings } from './import-shape.ts';

export type { DateOrder, ImportSettings, MatchMode } from './import-shape.ts';

/** Field types a cell can fill (a JSON document or an auto number assigned by the system cannot). */
const importableTypes = new Set<FieldDefinition['type']>([
  'text', 'longText', 'richText', 'email', 'phone', 'url', 'number', 'currency', 'percent', 'date', 'datetime',
  'boolean', 'select', 'multiSelect', 'lookup', 'multiLookup', 'owner', 'address', 'tags', 'parent',
]);

/** The fields the caller may fill from a file: visible, writable, of an importable type. */
export function importableFields(c: Caller, def: ObjectDefinition): FieldDefinition[] {
  const visible = definitionFor(c, def)?.fields ?? [];
  const owner = fieldByName(def, 'ownerId');
  return [...visible, ...(owner ? [owner] : [])].filter((f) => importableTypes.has(f.type) && !f.isReadOnly && (f.type !== 'lookup' || f.target));
}

/** The keys rows may be matched by: the external id fields, e-mail, phone, and name with city. */
export function matchKeysOf(fields: readonly FieldDefinition[], def: ObjectDefinition): string[][] {
  const has = (name: string) => fields.some((f) => f.name === name);
  const keys: string[][] = fields.filter((f) => f.isExternalId).map((f) => [f.name]);
  for (const field of fields) if (field.type === 'email' && !field.isExternalId) keys.push([field.name]);
  for (const field of fields) if (field.type === 'phone') keys.push([field.name]);
  if (has(def.titleField) && has('city')) keys.push([def.titleField, 'city']);
  if (has(def.titleField)) keys.push([def.titleField]);
  return keys;
}

/** A title or label reduced to what tells it apart: NFKC, lower case, no spaces, punctuation or `*`. */
export function normaliseTitle(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The suggested field of each column title (a field is suggested for one column at most). */
export function suggestColumns(header: readonly string[], fields: readonly FieldDefinition[]): Record<string, string> {
  const byWord = new Map<string, string>();
  for (const field of fields) {
    // `accountId` is also found as "Account", `accountIds` as "Accounts".
    const bare = field.name.replace(/Id(s?)$/, '$1');
    for (const word of [field.name, field.label.en, field.label['zh-CN'], bare]) {
      const key = normaliseTitle(word);
      if (key && !byWord.has(key)) byWord.set(key, field.name);
    }
  }
  const columns: Record<string, string> = {};
  const taken = new Set<string>();
  for (const title of header) {
    const field = byWord.get(normaliseTitle(title));
    if (field && !taken.has(field) && !(title in columns)) {
      columns[title] = field;
      taken.add(field);
    }
  }
  return columns;
}

/** Settings of a new import: the suggested columns, create-only, trimmed values, year first, China. */
export function defaultSettings(columns: Record<string, string>): ImportSettings {
  return { columns, matchMode: 'create', matchBy: [], trim: true, dateOrder: 'ymd', phoneRegion: 'CN', optionMap: {} };
}

/** JSON Schema of the settings a client sends. */
export const importSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['columns', 'matchMode'],
  properties: {
    columns: { type: 'object', maxProperties: 500, additionalProperties: { type: 'string', maxLength: 63 } },
    matchMode: { type: 'string', enum: ['create', 'update', 'upsert'] },
    matchBy: { type: 'array', maxItems: 3, items: { type: 'string', maxLength: 63 } },
    trim: { type: 'boolean' },
    dateOrder: { type: 'string', enum: ['ymd', 'dmy', 'mdy'] },
    phoneRegion: { type: 'string', pattern: '^[A-Z]{2}$', maxLength: 2 },
    optionMap: {
      type: 'object',
      maxProperties: 200,
      additionalProperties: { type: 'object', maxProperties: 1000, additionalProperties: { type: 'string', maxLength: 100 } },
    },
  },
} as const;
