// The SQL pieces every network query shares: one hop along a visible relationship to a visible
// account or contact. Record access comes from the records engine (`baseConditions`, what a list
// query uses), so a hop never lands on, or passes along, a record the caller cannot read.
import { sql, type SQL } from 'drizzle-orm';
import { canDo, fieldRestrictions } from '../../platform/access/index.ts';
import { baseConditions, type Caller } from '../../records/index.ts';
import { NODE_OBJECTS, type NodeObject } from './network-shape.ts';

export { NODE_OBJECTS, type NodeObject } from './network-shape.ts';

/** Whether a string names an object the network joins. */
export function isNodeObject(name: string): name is NodeObject {
  return (NODE_OBJECTS as readonly string[]).includes(name);
}

function visible(c: Caller, objectName: string, alias: string): SQL {
  return sql.join(baseConditions(c, c.registry.get(objectName), alias), sql` and `);
}

/** Restricts relationships (alias `r`) to the given type ids; nothing when no filter is asked for. */
function typeCondition(typeIds: readonly string[]): SQL {
  if (typeIds.length === 0) return sql``;
  return sql` and r.type_id in (${sql.join(typeIds.map((id) => sql`${id}::uuid`), sql`, `)})`;
}

const endFields = ['fromObject', 'fromId', 'toObject', 'toId'];

/**
 * Whether the caller may follow relationships at all: read them, and see both of their ends (an
 * administrator hiding `fromId` from a role hides where its relationships lead, in walks too).
 */
export function canFollowRelationships(c: Caller): boolean {
  const restrictions = fieldRestrictions(c.ctx, 'relationships');
  return canDo(c.ctx, 'relationships', 'read') && endFields.every((name) => restrictions.get(name) !== 'hidden');
}

/**
 * A lateral subquery: the distinct neighbours `(next, next_object)` of the node in `nodeColumn`,
 * along relationships the caller may read, in either direction.
 */
export function visibleHops(c: Caller, nodeColumn: SQL, typeIds: readonly string[]): SQL {
  if (!canFollowRelationships(c)) return sql`(select null::uuid as next, null::text as next_object where false)`;
  const edges = visible(c, 'relationships', 'r');
  return sql`(select r.to_id as next, r.to_object as next_object from relationships r
      where r.from_id = ${nodeColumn} and ${edges}${typeCondition(typeIds)}
    union
    select r.from_id, r.from_object from relationships r
      where r.to_id = ${nodeColumn} and ${edges}${typeCondition(typeIds)})`;
}

/**
 * A lateral subquery: the record `(id, is_mine)` a hop lands on, only when it is live and the caller
 * may read it; `is_mine` says the caller owns it.
 */
export function visibleNode(c: Caller, idColumn: SQL, objectColumn: SQL): SQL {
  const branches = NODE_OBJECTS.map(
    (name) => sql`select n.id, n.owner_id is not distinct from ${c.ctx.userId}::uuid as is_mine
      from ${sql.identifier(c.registry.get(name).table)} n
      where ${objectColumn} = ${name} and n.id = ${idColumn} and ${visible(c, name, 'n')}`,
  );
  return sql`(${sql.join(branches, sql` union all `)})`;
}

/** The one record `(id, is_mine)` a query starts from, when the caller may read it. */
export function visibleStart(c: Caller, object: NodeObject, id: string): SQL {
  return sql`select n.id, n.owner_id is not distinct from ${c.ctx.userId}::uuid as is_mine
    from ${sql.identifier(c.registry.get(object).table)} n where n.id = ${id}::uuid and ${visible(c, object, 'n')}`;
}
