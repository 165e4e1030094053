import type { Graph, Position } from '../../model/graph';

export interface Size {
  width: number;
  height: number;
}

/** Default size for nodes React Flow has not measured yet (a fresh import). */
export const DEFAULT_NODE_SIZE: Size = { width: 200, height: 92 };

/**
 * Left-to-right layered layout by ELK. Loaded on demand: most sessions never press the button,
 * and the bundle stays out of the first load.
 */
export async function layoutGraph(
  graph: Graph,
  sizes: ReadonlyMap<string, Size> = new Map(),
  aspectRatio = canvasAspectRatio(),
): Promise<Map<string, Position>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '36',
      'elk.layered.spacing.nodeNodeBetweenLayers': '72',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      // Long chains wrap into rows shaped like the canvas, so a 12-layer CNN stays readable
      // instead of shrinking to a thin strip.
      'elk.layered.wrapping.strategy': 'MULTI_EDGE',
      'elk.aspectRatio': String(aspectRatio),
    },
    children: graph.nodes.map((n) => ({ id: n.id, ...(sizes.get(n.id) ?? DEFAULT_NODE_SIZE) })),
    edges: graph.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const out = new Map<string, Position>();
  for (const c of result.children ?? []) out.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
  return out;
}

/** Width/height of the canvas on screen, or a typical laptop canvas before it has rendered. */
export function canvasAspectRatio(): number {
  const el = typeof document === 'undefined' ? null : document.querySelector('.graph-canvas');
  const r = el?.getBoundingClientRect();
  return r && r.width > 0 && r.height > 0 ? Math.max(0.5, Math.min(4, r.width / r.height)) : 1.4;
}

/** The graph with ELK positions applied. */
export async function withLayout(graph: Graph, sizes?: ReadonlyMap<string, Size>): Promise<Graph> {
  const positions = await layoutGraph(graph, sizes);
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) };
}
