// What the approvals tests share: people in teams with managers and roles, each with an API key.
import type { TestContext } from '../../testing.ts';
import { createApiKey } from '../../platform/auth/api-keys.ts';
import { defineModule } from '../../records/index.ts';
import { approvalStatusOptions } from './objects.ts';

// A stand-in for quotes: a discount above 10 needs approval; lines belong to their offer.
export const offers = defineModule({
  name: 'offers',
  objects: [
    {
      name: 'offers',
      label: { en: 'Offer', 'zh-CN': '报价' },
      labelPlural: { en: 'Offers', 'zh-CN': '报价' },
      table: 'offers',
      titleField: 'name',
      access: { default: 'private' },
      fields: [
        { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, isRequired: true },
        { name: 'discount', type: 'number', label: { en: 'Discount', 'zh-CN': '折扣' } },
        { name: 'needsApproval', type: 'boolean', label: { en: 'Needs approval', 'zh-CN': '需要审批' }, isReadOnly: true },
        { name: 'approvalStatus', type: 'select', label: { en: 'Approval', 'zh-CN': '审批状态' }, isReadOnly: true, default: 'none', options: approvalStatusOptions },
      ],
    },
    {
      name: 'offerLines',
      label: { en: 'Offer line', 'zh-CN': '报价行' },
      labelPlural: { en: 'Offer lines', 'zh-CN': '报价行' },
      table: 'offer_lines',
      titleField: 'product',
      access: { default: 'private' },
      fields: [
        { name: 'offerId', type: 'parent', target: 'offers', label: { en: 'Offer', 'zh-CN': '报价' }, isRequired: true },
        { name: 'product', type: 'text', label: { en: 'Product', 'zh-CN': '产品' } },
      ],
    },
  ],
  hooks: { offers: { beforeWrite: ({ proposed }) => ({ needsApproval: Number(proposed.discount ?? 0) > 10 }) } },
});

export interface Person {
  id: string;
  token: string;
}

let counter = 0;

/** Creates a team (returns its id). */
export async function createTeam(t: TestContext, name: string): Promise<string> {
  const team = await t.api('POST', '/api/v1/admin/teams', { name: `${name} ${process.pid}-${++counter}` });
  if (team.status !== 201) throw new Error(`team: ${JSON.stringify(team.body)}`);
  return team.body.id as string;
}

/** Creates a user with a role, teams and a manager, and an API key for them. */
export async function createPerson(t: TestContext, name: string, options: { roleKey?: string; teamIds?: string[]; managerId?: string } = {}): Promise<Person> {
  const roles = (await t.api('GET', '/api/v1/admin/roles')).body.data as Array<{ key: string; id: string }>;
  const roleId = roles.find((r) => r.key === (options.roleKey ?? 'sales_rep'))!.id;
  const email = `${name.toLowerCase().replace(/\W/g, '')}.${process.pid}.${++counter}@example.com`;
  const user = await t.api('POST', '/api/v1/admin/users', { email, name, roleId, teamIds: options.teamIds ?? [], managerId: options.managerId ?? null });
  if (user.status !== 201) throw new Error(`user: ${JSON.stringify(user.body)}`);
  return { id: user.body.id as string, token: (await createApiKey(t.db, user.body.id, name)).token };
}

/** A request as a person; the parsed JSON reply. */
export async function as(t: TestContext, who: Person, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  const response = await t.app.inject({ method, url, headers: { authorization: `Bearer ${who.token}` }, ...(body !== undefined ? { payload: body as object } : {}) });
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : null };
}
