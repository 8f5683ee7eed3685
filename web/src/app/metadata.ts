// What the server says about objects and fields, the one source of the screens: labels, types,
// options and what the signed-in user may do. Custom fields show up without a rebuild.
import { useQuery } from '@tanstack/react-query';
import { useLanguage } from '../i18n/use-language.ts';
import { get } from './api.ts';
import type { DescribedObject, FieldDefinition, Label } from '../../../server/records/types.ts';
import type { ObjectAction } from '../../../server/platform/access/permissions.ts';

/** A label in every shipped language. */
export type { Label } from '../../../server/records/types.ts';
/** A field as the server defines it: the same type the server's validation and tables use. */
export type FieldDef = FieldDefinition;
/** An object as `GET /metadata/objects` describes it to the signed-in user. */
export type ObjectDef = DescribedObject;

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
export const can = (def: ObjectDef | undefined, action: ObjectAction) => Boolean(def?.actions.includes(action));
