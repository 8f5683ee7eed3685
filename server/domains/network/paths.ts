// "Who connects us to X": the k shortest paths from the records the caller owns to a target, in one
// recursive query per depth. The walk starts at the target and follows visible relationships to
// visible records only (graph-sql.ts), never through a record the caller owns (the path would have
// started there) and never twice through the same record. Paths are ordered by length, then by the
// ids along them from the target outward, so the answer is deterministic.
import { sql } from 'drizzle-orm';
import { invalidField, notFound } from '../../platform/http/problem.ts';
import { isUuid } from '../../platform/ids.ts';
import type { Caller } from '../../records/index.ts';
import { isNodeObject, visibleHops, visibleNode, visibleStart, type NodeObject } from './graph-sql.ts';

export const MAX_PATHS = 5;
export const MAX_DEPTH = 4;

export interface PathQuery {
  targetObject: string;
  targetId: string;
  k?: number;
  depth?: number;
  typeIds?: readonly string[];
}

/** A path as node ids from a record the caller owns (first) to the target (last). */
export type NodePath = string[];

function wholeNumberIn(field: string, value: number | undefined, fallback: number, max: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > max) throw invalidField(field, 'out_of_range', `${field} must be a whole number from 1 to ${max}.`);
  return n;
}

/** Checks a path query's input (400 problems naming the field). */
export function parsePathQuery(query: PathQuery): { target: NodeObject; targetId: string; k: number; depth: number; typeIds: string[] } {
  if (!isNodeObject(query.targetObject)) throw invalidField('targetObject', 'invalid', 'targetObject must be accounts or contacts.');
  if (!isUuid(query.targetId)) throw invalidField('targetId', 'format', 'targetId must be a record id.');
  const typeIds = [...(query.typeIds ?? [])];
  if (typeIds.some((id) => !isUuid(id))) throw invalidField('types', 'format', 'types must be relationship type ids.');
  return {
    target: query.targetObject,
    targetId: query.targetId,
    k: wholeNumberIn('k', query.k, 3, MAX_PATHS),
    depth: wholeNumberIn('depth', query.depth, MAX_DEPTH, MAX_DEPTH),
    typeIds,
  };
}

async function pathsUpTo(c: Caller, target: NodeObject, targetId: string, depth: number, k: number, typeIds: string[]): Promise<NodePath[]> {
  const rows = await c.db.rows<{ path: string[] | string }>(sql`with recursive walk(node, path, depth, is_mine) as (
      select s.id, array[s.id], 0, s.is_mine from (${visibleStart(c, target, targetId)}) s
      union all
      select nxt.id, w.path || nxt.id, w.depth + 1, nxt.is_mine
      from walk w
      cross join lateral ${visibleHops(c, sql`w.node`, typeIds)} hop
      cross join lateral ${visibleNode(c, sql`hop.next`, sql`hop.next_object`)} nxt
      where w.depth < ${depth} and not w.is_mine and nxt.id <> all(w.path)
    )
    select array_to_string(path, ',') as path from walk where is_mine order by depth, path limit ${k}`);
  // From the caller's record to the target.
  return rows.map((r) => String(r.path).split(',').toReversed());
}

/**
 * The k shortest paths (at most `depth` relationships long) from records the caller owns to the
 * target. Deepens one level at a time and stops as soon as k paths are found: the shorter levels'
 * answer is final. A target the caller cannot read is a 404; a target they own is a path of one node.
 */
export async function shortestPaths(c: Caller, query: PathQuery): Promise<NodePath[]> {
  const { target, targetId, k, depth, typeIds } = parsePathQuery(query);
  const [start] = await c.db.rows<{ id: string }>(visibleStart(c, target, targetId));
  if (!start) throw notFound('The record');
  let paths: NodePath[] = [];
  for (let level = 1; level <= depth; level++) {
    paths = await pathsUpTo(c, target, targetId, level, k, typeIds);
    if (paths.length >= k) break;
  }
  return paths;
}
