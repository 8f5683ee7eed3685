// The field types an administrator may give a custom field (the API's custom field types: every type
// but those only code defines, auto-numbers and parents), and how a label becomes an API name.
import { useQuery } from '@tanstack/react-query';
import { get } from '../../app/api.ts';

interface OpenApiDocument {
  paths?: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: { properties?: { type?: { enum?: string[] } } } }> } } }>;
}

/** The types the API accepts for a custom field, read from the schema it publishes (never a copy of the list). */
export function useCustomFieldTypes(): string[] {
  const doc = useQuery({ queryKey: ['openapi'], queryFn: () => get<OpenApiDocument>('/api/v1/openapi.json'), staleTime: 5 * 60_000 });
  const body = doc.data?.paths?.['/api/v1/metadata/objects/{object}/fields']?.post?.requestBody?.content?.['application/json']?.schema;
  return body?.properties?.type?.enum ?? [];
}

/** Pick-lists carry options. */
export const hasOptions = (type: string) => type === 'select' || type === 'multiSelect';
/** Lookups name the object they point at. */
export const hasTarget = (type: string) => type === 'lookup' || type === 'multiLookup';
/** The types the API lets be unique. */
export const canBeUnique = (type: string) => ['text', 'email', 'phone', 'url', 'number'].includes(type);

/** The API's naming rule: a lower-case letter, then 1–40 letters or digits. */
export const API_NAME_PATTERN = /^[a-z][a-zA-Z0-9]{1,40}$/;

/** A camelCase API name from an English label ("Customer tier" → "customerTier"); '' when none fits. */
export function toApiName(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  // A name starts with a letter: leading words that do not ("2nd contact") are left out.
  const start = words.findIndex((word) => /^[A-Za-z]/.test(word));
  if (start < 0) return '';
  const name = words
    .slice(start)
    .map((word, i) => (i === 0 ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1).toLowerCase()))
    .join('');
  return name.slice(0, 41);
}

/** An option's stored value from its English label ("Key account" → "key_account"). */
export function toOptionValue(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase()
    .slice(0, 100);
}

/** A field to propose in the new-field dialog (e.g. judged from an import column). */
export interface FieldSuggestion {
  label: string;
  type: 'number' | 'boolean' | 'select' | 'text';
  /** The pick-list's words, in the order met (select only). */
  options?: string[];
}
