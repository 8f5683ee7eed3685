// What the Settings screens for the data model read beyond what lists and forms need, and the one
// refresh after a change, so a new field or object shows at once in every list, form and menu.
import type { QueryClient } from '@tanstack/react-query';
import type { ObjectDef } from '../../app/metadata.ts';

export type { AccessDefault } from '../../../../server/records/types.ts';

/** Refetches everything the data model shapes: metadata, menus, the published schemas and lists. */
export async function refreshDataModel(client: QueryClient): Promise<void> {
  await Promise.all(
    [['metadata'], ['navigation'], ['admin', 'navigation'], ['openapi'], ['list'], ['record'], ['audit']].map((queryKey) =>
      client.invalidateQueries({ queryKey }),
    ),
  );
}

/** Whether the object's records belong to a parent record (their access is the parent's). */
export const isOwnedChild = (def: ObjectDef) => def.fields.some((f) => f.type === 'parent');
