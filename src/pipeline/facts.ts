import type { GraphAnalysis } from '../model/analyze';
import { isRegularizer, type Graph } from '../model/graph';

/** What the suggestions and stage summaries need to know about the layer graph. */
export interface GraphFacts {
  readonly layers: number;
  readonly params: number;
  readonly errors: number;
  readonly hasDropout: boolean;
  readonly hasRegularizer: boolean;
  readonly hasBatchNorm: boolean;
}

export function graphFacts(graph: Graph, analysis: GraphAnalysis): GraphFacts {
  const types = graph.nodes.map((n) => n.type);
  return {
    layers: graph.nodes.length,
    params: analysis.totals.total,
    errors: analysis.errors.length,
    hasDropout: types.some((t) => /Dropout/.test(t)),
    hasRegularizer: graph.nodes.some((n) =>
      Object.values(n.params).some((v) => isRegularizer(v) && (v.l1 > 0 || v.l2 > 0)),
    ),
    hasBatchNorm: types.some((t) => /Normalization/.test(t)),
  };
}

/** "3,267": counts as people read them. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Three significant digits, no exponent for everyday sizes: 0.412, 12.3, 0.0001. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1000) return formatCount(x);
  return String(Number(x.toPrecision(3)));
}
