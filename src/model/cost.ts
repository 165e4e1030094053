import type { GraphAnalysis } from './analyze';
import type { Graph, Shape } from './graph';
import { getSpec } from './registry';

const positions = (s: Shape | undefined) => (s ? s.slice(1, -1).reduce<number>((p, d) => p * (d ?? 1), 1) : 1);

/**
 * Rough forward-pass cost of one sample: each weight is used once per output position (a
 * multiply and an add), positions being the spatial/time cells. Good to a small factor, which
 * is what a person comparing two designs needs.
 */
export function estimateFlops(graph: Graph, analysis: GraphAnalysis): number {
  let flops = 0;
  for (const node of graph.nodes) {
    const counts = analysis.counts.get(node.id);
    if (!counts || counts.total === 0) continue;
    const spec = getSpec(node.type);
    const source = graph.edges.find((e) => e.target === node.id)?.source;
    const inShape = source ? analysis.shapes.get(source) : undefined;
    const cells = spec?.category === 'Recurrent' && node.type !== 'Embedding' ? positions(inShape) : positions(analysis.shapes.get(node.id));
    flops += node.type === 'Embedding' ? 0 : 2 * counts.total * cells;
  }
  return flops;
}

/** float32 weights, in bytes. */
export function weightBytes(analysis: GraphAnalysis): number {
  return analysis.totals.total * 4;
}

export function humanCount(n: number): string {
  const units = ['', 'K', 'M', 'G', 'T'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? String(Math.round(v)) : v.toFixed(v >= 100 ? 0 : 1)}${units[i]}`;
}

/** A FLOP count with a space and its unit: "0 FLOPs", "1.2 MFLOPs", "3.4 GFLOPs". */
export function formatFlops(n: number): string {
  const count = humanCount(n);
  const unit = /[KMGT]$/.exec(count)?.[0] ?? '';
  return `${unit ? count.slice(0, -1) : count} ${unit}FLOPs`;
}
