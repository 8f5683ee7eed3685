// What the server says about objects and fields, the one source of the screens: labels, types,
// options and what the signed-in user may do. Custom fields show up without a rebuild.
import { useQuery } from '@tanstack/react-query';
import { useLanguage } from '../i18n/use-language.ts';
import { get } from './api.ts';

export interface Label {
  en: string;
  'zh-CN': string;
}

export interface FieldDef {
  name: string;
  type: string;
  label: Label;
  isRequired?: boolean;
  isReadOnly?: boolean;
  isSearchable?: boolean;
  isExternalId?: boolean;
  options?: Array<{ value: string; label: Label }>;
  target?: string;
  targetFrom?: string;
  /** A text (or json list) field holding ids without a foreign key: the object (or `teams`) they name. */
  refersTo?: string;
  maxLength?: number;
  /** What a new record gets when the field is left out. */
  default?: unknown;
}

export interface ObjectDef {
  name: string;
  label: Label;
  labelPlural: Label;
  titleField: string;
  fields: FieldDef[];
  actions: string[];
  isReadOnly?: boolean;
}

/** Every object the user may read, by name. */
export function useObjects() {
  return useQuery({
    queryKey: ['metadata'],
    queryFn: async () => {
      const { data } = await get<{ data: ObjectDef[] }>('/api/v1/metadata/objects');
      return new Map(data.map((def) => [def.name, def]));
    },
    staleTime: 60_000,
  });
}

/** A label in the current language. */
export function useLabel() {
  const { language } = useLanguage();
  return (label: Label | undefined) => (label ? (language === 'en' ? label.en : label['zh-CN']) : '');
}

/** Whether the user may do an action on an object. */
export const can = (def: ObjectDef | undefined, action: string) => Boolean(def?.actions.includes(action));
