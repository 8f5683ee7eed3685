// What the network answers (a record's neighbourhood, the paths to a record, an account's org chart):
// one definition, free of imports, that the server builds and the web app reads (its types come from here).

/** The objects a relationship joins (its `fromObject`/`toObject` options). */
export const NODE_OBJECTS = ['accounts', 'contacts'] as const;
export type NodeObject = (typeof NODE_OBJECTS)[number];

export interface NetworkNode {
  id: string;
  object: NodeObject;
  title: string | null;
  /** An account's city or a contact's job title, when the caller may see it. */
  subtitle: string | null;
  isMine: boolean;
}

/** A relationship as the caller may see it: a field hidden from their role is absent. */
export type NetworkEdge = {
  id: string;
  fromId: string;
  toId: string;
  fromObject?: NodeObject;
  toObject?: NodeObject;
  typeId?: string | null;
  direction?: 'directed' | 'mutual' | null;
  strength?: number | null;
  source?: string | null;
  note?: string | null;
  startDate?: string | null;
  endDate?: string | null;
};

export interface Neighbourhood {
  node: NetworkNode;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  /** More relationships exist than are shown. */
  hasMore: boolean;
}

export interface ConnectionPath {
  /** Hops from the caller's record to the target. */
  length: number;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface ConnectionPaths {
  target: NetworkNode | null;
  data: ConnectionPath[];
}

export interface OrgChartEntry {
  id: string;
  name: string | null;
  title: string | null;
  reportsToId: string | null;
}
