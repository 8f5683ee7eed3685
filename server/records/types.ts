// Object definitions: the single source of truth for tables, validation, OpenAPI, permissions and forms.
import { Type, type Static } from 'typebox';
import type { ObjectAction } from '../platform/access/permissions.ts';

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
  'autoNumber',
  'parent',
] as const;

export type FieldType = (typeof fieldTypes)[number];

const namePattern = '^[a-z][a-zA-Z0-9]{1,40}$';

/** A label in every locale the product ships (objects, fields, options, roles). */
export const labelSchema = Type.Object(
  { en: Type.String({ minLength: 1, maxLength: 100 }), 'zh-CN': Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export type Label = Static<typeof labelSchema>;

export const selectOptionSchema = Type.Object(
  { value: Type.String({ minLength: 1, maxLength: 100 }), label: labelSchema },
  { additionalProperties: false },
);
export type SelectOption = Static<typeof selectOptionSchema>;

/**
 * A field as an administrator describes it (`POST /metadata/objects/{object}/fields`); the standard
 * objects' fields are written in the same shape. The API validates bodies with this very schema.
 */
export const fieldInputSchema = Type.Object(
  {
    name: Type.String({ pattern: namePattern, maxLength: 41, description: 'API name, camelCase; the column is its snake_case form' }),
    type: Type.Enum(fieldTypes),
    label: labelSchema,
    isRequired: Type.Optional(Type.Boolean()),
    isUnique: Type.Optional(Type.Boolean({ description: 'unique among live (not deleted) records' })),
    isExternalId: Type.Optional(Type.Boolean({ description: 'may key `PUT /{object}/by/{field}/{value}`; implies unique' })),
    isSearchable: Type.Optional(Type.Boolean()),
    isIndexed: Type.Optional(Type.Boolean()),
    maxLength: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 100000 })),
    default: Type.Optional(Type.Unknown()),
    target: Type.Optional(Type.String({ maxLength: 63, description: 'lookup and multiLookup: the API name of the target object' })),
    options: Type.Optional(Type.Array(selectOptionSchema, { maxItems: 500, description: 'select and multiSelect' })),
  },
  { additionalProperties: false },
);
export type FieldInput = Static<typeof fieldInputSchema>;

export interface FieldDefinition extends FieldInput {
  /** For a lookup that may point at any object: the field holding the target's object API name. */
  targetFrom?: string;
  /** Set by the system only (e.g. a lead's converted date); never by generic writes. */
  isReadOnly?: boolean;
  /** For autoNumber: e.g. `Q-{YYYY}-{000000}` (see auto-number.ts); `{000000}` when absent. */
  format?: string;
  /** Created by an admin through the metadata API. */
  isCustom?: boolean;
  /**
   * For a text field (or a json list) holding ids it cannot reference with a foreign key: what they
   * name — an object's API name, or `teams`. The engine stores and checks nothing of it; clients show
   * the names (and link to the records) instead of the ids.
   */
  refersTo?: string;
}

/** A custom object as an administrator describes it (`POST /metadata/objects`). */
export const objectInputSchema = Type.Object(
  {
    name: Type.String({ pattern: namePattern, maxLength: 41, description: 'plural API name: `/api/v1/{name}`' }),
    label: labelSchema,
    labelPlural: labelSchema,
    access: Type.Optional(Type.Object({ default: Type.Optional(Type.Enum(['private', 'publicRead', 'publicReadWrite'])) }, { additionalProperties: false })),
    fields: Type.Optional(Type.Array(fieldInputSchema, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export type ObjectInput = Static<typeof objectInputSchema>;

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
  /**
   * A settings or bookkeeping object (rates, rules, types, reports): out of the menu until an
   * administrator shows it in the navigation settings. Its API and list work as any object's.
   */
  isHiddenFromMenu?: boolean;
  /**
   * Left out of global search unless named in `objects=` (lookups name their target, so they still find
   * it): settings and bookkeeping rows nobody looks for by a word, each of which would add its scans to
   * the planning and running of every search.
   */
  isOutOfGlobalSearch?: boolean;
}

/** An object as `GET /metadata/objects` shows it: its definition without the table, and what the caller may do. */
export type DescribedObject = Omit<ObjectDefinition, 'table'> & { actions: ObjectAction[] };

/**
 * Declares an object keeping its literal field names, types and options, so `RecordOf<typeof def>`
 * (record-type.ts) gives the exact shape of its records to the server and the web app.
 */
export function defineObject<const D extends ObjectDefinition>(definition: D): D {
  return definition;
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
