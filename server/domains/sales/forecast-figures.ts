// The figures of a forecast and their roll-up: per category the deals, their amount and their weighted
// amount (amount × probability), exact until shown; a person's team figures add up everyone below them.
import { Exact } from './decimal.ts';
import { categories, type Category, type ShownCell, type ShownFigures } from './forecast-shape.ts';

export { categories, type Category, type ShownCell, type ShownFigures } from './forecast-shape.ts';

/** The category a deal counts in by its standard stage, when its owner has not chosen one. */
export const categoryOfStage: Readonly<Record<string, Category>> = {
  interest: 'pipeline',
  preference: 'bestCase',
  negotiation: 'commit',
  won: 'closed',
  lost: 'omitted',
};

export interface Cell {
  count: number;
  amount: Exact;
  weighted: Exact;
}

export type Figures = Record<Category, Cell>;

export const emptyFigures = (): Figures =>
  Object.fromEntries(categories.map((c) => [c, { count: 0, amount: Exact.zero, weighted: Exact.zero }])) as Figures;

/** Adds one set of figures into another (in place) and returns it. */
export function addInto(target: Figures, source: Figures): Figures {
  for (const c of categories) {
    target[c] = { count: target[c].count + source[c].count, amount: target[c].amount.plus(source[c].amount), weighted: target[c].weighted.plus(source[c].weighted) };
  }
  return target;
}

const show = (cell: Cell): ShownCell => ({ count: cell.count, amount: cell.amount.toFixed(2), weighted: cell.weighted.toFixed(2) });

/** Figures as the API shows them: money to cents, rounded once here. */
export function showFigures(figures: Figures): ShownFigures {
  const counted = categories.filter((c) => c !== 'omitted');
  const total = counted.reduce(
    (sum, c) => ({ count: sum.count + figures[c].count, amount: sum.amount.plus(figures[c].amount), weighted: sum.weighted.plus(figures[c].weighted) }),
    { count: 0, amount: Exact.zero, weighted: Exact.zero },
  );
  return { categories: Object.fromEntries(categories.map((c) => [c, show(figures[c])])) as Record<Category, ShownCell>, total: show(total) };
}

export interface Person {
  id: string;
  name: string;
  managerId: string | null;
}

export interface RolledUp {
  person: Person;
  /** Ids of the people shown directly below (their manager is this person). */
  reportIds: string[];
  own: Figures;
  team: Figures;
  ownQuota: Exact | null;
  /** The person's own quota, else the sum of their reports' team quotas. */
  teamQuota: Exact | null;
  ownPrevious: Figures | null;
  teamPrevious: Figures | null;
}

/**
 * Arranges the owners with figures under their managers: each owner below `viewerId` is shown with
 * their chain of managers up to the viewer, others on their own; and every person's team figures add up their own and their reports'.
 */
export function rollUp(
  people: Map<string, Person>,
  viewerId: string,
  own: Map<string, Figures>,
  quotas: Map<string, Exact>,
  previous: Map<string, Figures> | null,
): { rows: RolledUp[]; rootIds: string[] } {
  const shown = new Set<string>([viewerId]);
  for (const ownerId of [...own.keys(), ...quotas.keys()]) {
    // Someone below the viewer shows with their managers up to the viewer; anyone else (a deal shared
    // with the viewer) on their own.
    const chain: string[] = [];
    let id: string | null = ownerId;
    while (id && !chain.includes(id) && id !== viewerId) {
      chain.push(id);
      id = people.get(id)?.managerId ?? null;
    }
    for (const member of id === viewerId ? chain : [ownerId]) shown.add(member);
  }
  const rows = new Map<string, RolledUp>();
  for (const id of shown) {
    const person = people.get(id) ?? { id, name: '', managerId: null };
    rows.set(id, {
      person,
      reportIds: [],
      own: own.get(id) ?? emptyFigures(),
      team: emptyFigures(),
      ownQuota: quotas.get(id) ?? null,
      teamQuota: null,
      ownPrevious: previous ? (previous.get(id) ?? emptyFigures()) : null,
      teamPrevious: previous ? emptyFigures() : null,
    });
  }
  const isRoot = (row: RolledUp) => row.person.id === viewerId || !row.person.managerId || !rows.has(row.person.managerId);
  for (const row of rows.values()) if (!isRoot(row)) rows.get(row.person.managerId!)!.reportIds.push(row.person.id);
  const rootIds = [...rows.values()].filter(isRoot).map((r) => r.person.id);
  const total = (id: string): RolledUp => {
    const row = rows.get(id)!;
    addInto(row.team, row.own);
    if (row.teamPrevious && row.ownPrevious) addInto(row.teamPrevious, row.ownPrevious);
    let reportsQuota: Exact | null = null;
    for (const reportId of row.reportIds) {
      const report = total(reportId);
      addInto(row.team, report.team);
      if (row.teamPrevious && report.teamPrevious) addInto(row.teamPrevious, report.teamPrevious);
      if (report.teamQuota) reportsQuota = (reportsQuota ?? Exact.zero).plus(report.teamQuota);
    }
    row.teamQuota = row.ownQuota ?? reportsQuota;
    return row;
  };
  rootIds.forEach(total);
  // The viewer first, then the others by name; reports by name.
  const byName = (a: string, b: string) => rows.get(a)!.person.name.localeCompare(rows.get(b)!.person.name) || a.localeCompare(b);
  for (const row of rows.values()) row.reportIds = row.reportIds.toSorted(byName);
  return { rows: [...rows.values()], rootIds: rootIds.toSorted((a, b) => (a === viewerId ? -1 : b === viewerId ? 1 : byName(a, b))) };
}
