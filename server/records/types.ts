// Object definitions: the single source of truth for tables, validation, OpenAPI, permissions and forms.

export const fieldTypes = [
  'text',
  'longText',
  'richText',
  'email',
  'phone',
  'url',
  'number',
  'currency',
  'percent',
  'date',
  'datetime',
  'boolean',
  'select',
  'multiSelect',
  'lookup',
  'multiLookup',
  'owner',
  'address',
  'tags',
  'json',
] as const;

export type FieldType = (typeof fieldTypes)[number];

/** A label in every locale the product ships. */
export interface Label {
  en: string;
  'zh-CN': string;
}

export interface SelectOption {
  value: string;
  label: Label;
}

export interface FieldDefinition {
  /** API name, camelCase; the column is its snake_case form. */
  name: string;
  type: FieldType;
  label: Label;
  isRequired?: boolean;
  /** Unique among live (not deleted) records. */
  isUnique?: boolean;
  /** May be used as the key of `PUT /{object}/by/{field}/{value}`; implies unique. */
  isExternalId?: boolean;
  isSearchable?: boolean;
  isIndexed?: boolean;
  /** Set by the system only (e.g. a lead's converted date); never by generic writes. */
  isReadOnly?: boolean;
  default?: unknown;
  maxLength?: number;
  /** For select and multiSelect. */
  options?: SelectOption[];
  /** For lookup and multiLookup: the API name of the target object. */
  target?: string;
  /** Created by an admin through the metadata API. */
  isCustom?: boolean;
}

export type AccessDefault = 'private' | 'publicRead' | 'publicReadWrite';

export interface ObjectDefinition {
  /** Plural API name: `/api/v1/{name}`. */
  name: string;
  label: Label;
  labelPlural: Label;
  table: string;
  /** The field that names a record in lists, lookups and search results. */
  titleField: string;
  fields: FieldDefinition[];
  access: { default: AccessDefault };
  /** Rows are maintained elsewhere (the users table): the API serves them read-only. */
  isReadOnly?: boolean;
  isCustom?: boolean;
}

/** The columns every record table has, in API naming. */
export const systemFields = [
  'id',
  'version',
  'ownerId',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'deletedAt',
] as const;

export type RecordValues = Record<string, unknown>;

const columnNames = new Map<string, string>();

/** camelCase API name → snake_case column name (memoised: it runs for every field of every row). */
export function toColumnName(name: string): string {
  let column = columnNames.get(name);
  if (column === undefined) {
    column = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    columnNames.set(name, column);
  }
  return column;
}
