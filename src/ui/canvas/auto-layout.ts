import type { ElkExtendedEdge } from 'elkjs/lib/elk-api';
import type { Graph, Position } from '../../model/graph';

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  positions: Map<string, Position>;
  /** Each edge's path from its source's bottom handle to its target's top handle, as ELK routed it around the nodes. */
  routes: Map<string, Point[]>;
}

/** Default size for nodes React Flow has not measured yet (a fresh import): a node face with a one-line summary. */
export const DEFAULT_NODE_SIZE: Size = { width: 200, height: 80 };

/** Room between a node and the next row: the shape label (about 18 px) sits here, clear of both handles. */
const BETWEEN_ROWS = 56;

/**
 * Top-to-bottom layered layout by ELK: a chain is one column, branches sit side by side, and
 * ELK routes each edge around the nodes (ports at the middle of the top and bottom, where the
 * handles are). Loaded on demand, so the bundle stays out of the first load.
 */
export async function layoutGraph(graph: Graph, sizes: ReadonlyMap<string, Size> = new Map()): Promise<Layout> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '40',
      'elk.spacing.edgeNode': '24',
      'elk.spacing.edgeEdge': '16',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(BETWEEN_ROWS),
      'elk.layered.spacing.edgeNodeBetweenLayers': '20',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.edgeRouting': 'ORTHOGONAL',
    },
    children: graph.nodes.map((n) => {
      const { width, height } = sizes.get(n.id) ?? DEFAULT_NODE_SIZE;
      return {
        id: n.id,
        width,
        height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
        ports: [
          { id: `${n.id}:in`, x: width / 2, y: 0, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'NORTH' } },
          { id: `${n.id}:out`, x: width / 2, y: height, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'SOUTH' } },
        ],
      };
    }),
    edges: graph.edges.map((e) => ({ id: e.id, sources: [`${e.source}:out`], targets: [`${e.target}:in`] })),
  });
  const positions = new Map<string, Position>();
  for (const c of result.children ?? []) positions.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
  const routes = new Map<string, Point[]>();
  for (const e of (result.edges ?? []) as ElkExtendedEdge[]) {
    const s = e.sections?.[0];
    if (s) routes.set(e.id, [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({ x: p.x, y: p.y })));
  }
  return { positions, routes };
}

/** The graph with ELK positions applied (sizes guessed: the canvas lays it out again once it has measured the nodes). */
export async function withLayout(graph: Graph, sizes?: ReadonlyMap<string, Size>): Promise<Graph> {
  const { positions } = await layoutGraph(graph, sizes);
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) };
}
