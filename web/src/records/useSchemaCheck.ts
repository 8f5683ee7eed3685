// The write schemas of an object from the API's OpenAPI document, and the checker that reads them,
// both loaded when a form first needs them. Until they are there, forms simply rely on the server.
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { get } from '../app/api.ts';
import type { FieldError } from './field-errors.ts';
import { useLanguage } from '../i18n/use-language.ts';

type Check = (schema: object, body: Record<string, unknown>, language: string) => FieldError[];

const pascal = (name: string) => name.replace(/(^|[_-])([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** A function giving the field errors of a create or update body, or undefined while it loads. */
export function useSchemaCheck(object: string) {
  const { language } = useLanguage();
  const [check, setCheck] = useState<{ run: Check } | null>(null);
  const doc = useQuery({
    queryKey: ['openapi'],
    queryFn: () => get<{ components?: { schemas?: Record<string, object> } }>('/api/v1/openapi.json'),
    staleTime: 5 * 60_000,
  });
  useEffect(() => {
    let isCurrent = true;
    void import('./schema-check.ts').then((m) => isCurrent && setCheck({ run: m.checkBodyWorded }));
    return () => {
      isCurrent = false;
    };
  }, []);
  const schemas = doc.data?.components?.schemas;
  if (!check || !schemas) return undefined;
  return (mode: 'create' | 'update', body: Record<string, unknown>) => {
    const schema = schemas[`${pascal(object)}${mode === 'create' ? 'Create' : 'Update'}`];
    return schema ? check.run(schema, body, language) : [];
  };
}
