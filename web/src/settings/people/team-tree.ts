// The team list (flat, each with its parent) as a tree in reading order: parents before their
// children, siblings by name (Chinese names in pinyin order), each with its depth for indenting.

export interface TreeTeam {
  id: string;
  name: string;
  parentId: string | null;
}

export type Placed<T> = T & { depth: number };

/** The teams in tree order with their depth; a team whose parent is missing is shown at the top. */
export function teamTree<T extends TreeTeam>(teams: T[]): Array<Placed<T>> {
  const ids = new Set(teams.map((team) => team.id));
  const children = new Map<string | null, T[]>();
  for (const team of teams) {
    const parent = team.parentId && ids.has(team.parentId) ? team.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), team]);
  }
  const out: Array<Placed<T>> = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    const level = (children.get(parent) ?? []).toSorted((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    for (const team of level) {
      if (seen.has(team.id)) continue; // a loop in bad data must not hang the screen
      seen.add(team.id);
      out.push({ ...team, depth });
      walk(team.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The team and every team below it: none of them can become its parent. */
export function selfAndBelow(teams: TreeTeam[], id: string): Set<string> {
  const below = new Set([id]);
  let isGrowing = true;
  while (isGrowing) {
    isGrowing = false;
    for (const team of teams) {
      if (team.parentId && below.has(team.parentId) && !below.has(team.id)) {
        below.add(team.id);
        isGrowing = true;
      }
    }
  }
  return below;
}

/** "Parent › Child" for a team, so a pick list tells apart teams with the same name. */
export function teamPath(teams: TreeTeam[], id: string, separator = ' › '): string {
  const byId = new Map(teams.map((team) => [team.id, team]));
  const names: string[] = [];
  let current = byId.get(id);
  while (current && names.length < 20) {
    names.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return names.join(separator);
}
