// Role permissions: which actions a role may take on each object, and which fields it may not see or
// change. Stored as JSON in roles.permissions; the default roles below are created at first start.

export const objectActions = [
  'read',
  'create',
  'edit',
  'delete',
  'restore',
  'export',
  'import',
  'changeOwner',
  // Record scope beyond the sharing model: every record of the object, whoever owns it.
  'readAll',
  'editAll',
] as const;

export type ObjectAction = (typeof objectActions)[number];
export type FieldRestriction = 'hidden' | 'readOnly';

export interface RolePermissions {
  /** Administrators may do everything, everywhere (and manage users, roles and the data model). */
  isAdmin?: boolean;
  /** Actions per object API name; `*` applies to objects not listed, custom ones included. */
  objects: Record<string, ObjectAction[]>;
  /** Field restrictions per object and field. */
  fields?: Record<string, Record<string, FieldRestriction>>;
}

/** Whether a role allows an action on an object. */
export function roleAllows(role: RolePermissions, objectName: string, action: ObjectAction): boolean {
  if (role.isAdmin) return true;
  const actions = role.objects[objectName] ?? role.objects['*'] ?? [];
  return actions.includes(action);
}

const own: ObjectAction[] = ['read', 'create', 'edit', 'delete', 'restore'];
const readOnly: ObjectAction[] = ['read'];
const salesObjects = ['accounts', 'contacts', 'leads', 'opportunities', 'activities'];
const serviceObjects = ['accounts', 'contacts', 'activities'];
// Pipelines and relationship types are read by everyone who sells; sales directors (and administrators) change pipelines,
// administrators the relationship types.
const pipelinesRead = { pipelines: readOnly, relationshipTypes: readOnly };
// The bulletin board: everyone reads; managers and directors publish (read receipts are the system's).
const bulletinRead = { announcements: readOnly, bulletinColumns: readOnly, announcementReads: readOnly };
const bulletinPublish = { ...bulletinRead, announcements: own };
const withAll = (objects: string[], actions: ObjectAction[]) => Object.fromEntries(objects.map((o) => [o, actions]));

export interface DefaultRole {
  key: string;
  name: { en: string; 'zh-CN': string };
  permissions: RolePermissions;
}

/** The roles every installation starts with; admins may edit all but the administrator role. */
export const defaultRoles: DefaultRole[] = [
  { key: 'administrator', name: { en: 'Administrator', 'zh-CN': '系统管理员' }, permissions: { isAdmin: true, objects: {} } },
  {
    key: 'sales_director',
    name: { en: 'Sales director', 'zh-CN': '销售总监' },
    permissions: {
      objects: {
        ...withAll(salesObjects, [...own, 'export', 'import', 'changeOwner', 'readAll', 'editAll']),
        pipelines: [...own, 'readAll', 'editAll'],
        relationshipTypes: readOnly,
        ...bulletinPublish,
        bulletinColumns: own,
        products: readOnly,
        users: readOnly,
        '*': ['read', 'create', 'edit'],
      },
    },
  },
  {
    key: 'sales_manager',
    name: { en: 'Sales manager', 'zh-CN': '销售经理' },
    permissions: {
      objects: { ...withAll(salesObjects, [...own, 'export', 'changeOwner']), ...pipelinesRead, ...bulletinPublish, products: readOnly, users: readOnly, '*': ['read', 'create', 'edit'] },
    },
  },
  {
    key: 'sales_rep',
    name: { en: 'Sales rep', 'zh-CN': '销售代表' },
    permissions: { objects: { ...withAll(salesObjects, own), ...pipelinesRead, ...bulletinRead, products: readOnly, users: readOnly, '*': ['read', 'create', 'edit'] } },
  },
  {
    // Finance reimburses expenses: it sees and may close every one (the approvals module's `editAll` check).
    key: 'finance',
    name: { en: 'Finance', 'zh-CN': '财务' },
    permissions: {
      objects: { expenses: ['read', 'create', 'edit', 'export', 'readAll', 'editAll'], ...pipelinesRead, products: readOnly, users: readOnly, '*': ['read', 'create', 'edit'] },
    },
  },
  {
    key: 'marketing',
    name: { en: 'Marketing', 'zh-CN': '市场营销' },
    permissions: {
      objects: {
        leads: [...own, 'export', 'import', 'readAll'],
        accounts: readOnly,
        contacts: ['read', 'export'],
        opportunities: readOnly,
        ...pipelinesRead,
        ...bulletinRead,
        activities: own,
        products: readOnly,
        users: readOnly,
        '*': ['read', 'create', 'edit'],
      },
      fields: { opportunities: { amount: 'readOnly' } },
    },
  },
  {
    key: 'service_agent',
    name: { en: 'Service agent', 'zh-CN': '客服专员' },
    permissions: {
      objects: { ...withAll(serviceObjects, ['read', 'create', 'edit', 'readAll']), ...pipelinesRead, ...bulletinRead, products: readOnly, users: readOnly, '*': ['read', 'create', 'edit'] },
      fields: { accounts: { annualRevenue: 'hidden' } },
    },
  },
  {
    key: 'contact_center_agent',
    name: { en: 'Contact-center agent', 'zh-CN': '呼叫中心坐席' },
    permissions: {
      objects: { ...withAll(serviceObjects, ['read', 'create', 'edit', 'readAll']), leads: ['read', 'create', 'edit'], ...pipelinesRead, ...bulletinRead, products: readOnly, users: readOnly, '*': ['read'] },
      fields: { accounts: { annualRevenue: 'hidden' }, opportunities: { amount: 'hidden' } },
    },
  },
  { key: 'read_only', name: { en: 'Read-only', 'zh-CN': '只读用户' }, permissions: { objects: { '*': readOnly } } },
];
