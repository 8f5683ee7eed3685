// The TypeScript type of a record as the API answers it, derived from its object's definition, so a
// screen's typed view of a record cannot drift from the object it reads (see `defineObject`).
import type { FieldDefinition, FieldType } from './types.ts';

/** What each field type reads as in JSON (fields.ts encodes and decodes them). */
interface ValueByType {
  text: string;
  longText: string;
  richText: string;
  email: string;
  phone: string;
  url: string;
  number: number;
  currency: { amount: string; currency: string };
  percent: number;
  date: string;
  datetime: string;
  boolean: boolean;
  select: string;
  multiSelect: string[];
  lookup: string;
  multiLookup: string[];
  owner: string;
  address: Partial<Record<'street' | 'city' | 'province' | 'postalCode' | 'country', string>>;
  tags: string[];
  json: unknown;
  autoNumber: string;
  parent: string;
}

type OptionValue<F> = F extends { options: ReadonlyArray<{ value: infer V extends string }> } ? V : string;

type ValueOf<F extends FieldDefinition> = F['type'] extends 'select'
  ? OptionValue<F>
  : F['type'] extends 'multiSelect'
    ? OptionValue<F>[]
    : F extends { type: 'json'; refersTo: string }
      ? string[] // a list of ids the engine keeps as JSON (e.g. team ids)
      : ValueByType[F['type'] & FieldType];

/** The columns every record has (`systemFields`), as the API answers them (a type, not an interface, so records stay assignable to `Record<string, unknown>`). */
export type SystemValues = {
  id: string;
  version: number;
  ownerId: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
  deletedAt: string | null;
};

/** A record of an object defined with `defineObject`: a required field is never null, the others may be. */
export type RecordOf<D extends { fields: readonly FieldDefinition[] }> = SystemValues & {
  [F in D['fields'][number] as F['name']]: F extends { isRequired: true } ? ValueOf<F> : ValueOf<F> | null;
};
