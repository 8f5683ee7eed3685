// A role's permissions as the grid edits them, in the API's shape (server/platform/access/permissions.ts):
// actions per object (`*` for every object not listed) and a restriction per field.
import type { FieldRestriction, RolePermissions } from './admin-api.ts';

/** The actions a role may have on an object, in the API's order; the last two widen the record scope. */
export const objectActions = ['read', 'create', 'edit', 'delete', 'restore', 'export', 'import', 'changeOwner', 'readAll', 'editAll'] as const;

export type ObjectAction = (typeof objectActions)[number];
export type FieldAccess = FieldRestriction | 'editable';

/** The key for "every object not listed". */
export const OTHER_OBJECTS = '*';

/** The actions the role has on an object; an object that is not listed follows `*`. */
export function actionsOf(permissions: RolePermissions, object: string): string[] {
  return permissions.objects[object] ?? permissions.objects[OTHER_OBJECTS] ?? [];
}

/** Whether the object has its own row (rather than following `*`). */
export function isListed(permissions: RolePermissions, object: string): boolean {
  return object === OTHER_OBJECTS || object in permissions.objects;
}

/** The permissions with one action switched on or off for one object (which then gets its own row). */
export function withAction(permissions: RolePermissions, object: string, action: ObjectAction, isOn: boolean): RolePermissions {
  const current = new Set(actionsOf(permissions, object));
  if (isOn) current.add(action);
  else current.delete(action);
  // Kept in the API's order, so the stored JSON reads the same whatever order the boxes were ticked.
  const actions = objectActions.filter((a) => current.has(a));
  return { ...permissions, objects: { ...permissions.objects, [object]: actions } };
}

/** The permissions with the object back to following `*`. */
export function withDefaultActions(permissions: RolePermissions, object: string): RolePermissions {
  const { [object]: _removed, ...objects } = permissions.objects;
  return { ...permissions, objects };
}

/** The access a role has to a field: hidden, read-only or (without a restriction) editable. */
export function fieldAccessOf(permissions: RolePermissions, object: string, field: string): FieldAccess {
  return permissions.fields?.[object]?.[field] ?? 'editable';
}

/** The permissions with one field's access changed; an editable field carries no restriction. */
export function withFieldAccess(permissions: RolePermissions, object: string, field: string, access: FieldAccess): RolePermissions {
  const { [field]: _old, ...others } = permissions.fields?.[object] ?? {};
  const forObject: Record<string, FieldRestriction> = access === 'editable' ? others : { ...others, [field]: access };
  const { [object]: _before, ...fields } = permissions.fields ?? {};
  return { ...permissions, fields: Object.keys(forObject).length ? { ...fields, [object]: forObject } : fields };
}

/** The permissions as the API takes them: `isAdmin` is the server's to set, never the client's. */
export function toApiPermissions(permissions: RolePermissions): RolePermissions {
  const { isAdmin: _isAdmin, ...rest } = permissions;
  return { objects: rest.objects, fields: rest.fields ?? {} };
}
