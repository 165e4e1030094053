import type { GraphAnalysis } from '../model/analyze';
import type { Graph } from '../model/graph';
import { incomingEdges } from '../model/graph';

export interface SummaryLayer {
  name: string;
  type: string;
  output_shape: (number | null)[] | null;
  params: number;
  trainable_params: number;
  inbound: string[];
}

export interface SummaryJson {
  name: string;
  total_params: number;
  trainable_params: number;
  non_trainable_params: number;
  layers: SummaryLayer[];
  errors: { layer: string | null; message: string }[];
}

export function summaryJson(name: string, graph: Graph, analysis: GraphAnalysis): SummaryJson {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const ordered = [...analysis.order, ...graph.nodes.map((n) => n.id).filter((id) => !analysis.order.includes(id))];
  return {
    name,
    total_params: analysis.totals.total,
    trainable_params: analysis.totals.trainable,
    non_trainable_params: analysis.totals.nonTrainable,
    layers: ordered.map((id) => {
      const node = byId.get(id)!;
      const counts = analysis.counts.get(id);
      return {
        name: node.name,
        type: node.type,
        output_shape: analysis.shapes.has(id) ? [...analysis.shapes.get(id)!] : null,
        params: counts?.total ?? 0,
        trainable_params: counts?.trainable ?? 0,
        inbound: incomingEdges(graph, id).map((e) => byId.get(e.source)?.name ?? e.source),
      };
    }),
    errors: analysis.errors.map((e) => ({ layer: e.nodeId ? (byId.get(e.nodeId)?.name ?? null) : null, message: e.message })),
  };
}

const shapeText = (s: (number | null)[] | null) => (s ? `(${s.map((d) => (d === null ? 'None' : d)).join(', ')})` : '(error)');

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

/** A Keras-style `model.summary()` table. The last line is exactly `Total params: N`. */
export function summaryTable(s: SummaryJson): string {
  const branched = s.layers.some((l) => l.inbound.length > 1) || new Set(s.layers.flatMap((l) => l.inbound)).size < s.layers.flatMap((l) => l.inbound).length;
  const cols = branched ? [32, 26, 12, 30] : [34, 28, 12];
  const width = cols.reduce((a, b) => a + b, 0);
  const row = (cells: string[]) => cells.map((c, i) => pad(c, cols[i]!)).join('').trimEnd();
  const lines = [`Model: "${s.name}"`, '_'.repeat(width), row(['Layer (type)', 'Output Shape', 'Param #', ...(branched ? ['Connected to'] : [])]), '='.repeat(width)];
  s.layers.forEach((l, i) => {
    lines.push(row([`${l.name} (${l.type})`, shapeText(l.output_shape), String(l.params), ...(branched ? [l.inbound.join(', ')] : [])]));
    lines.push(i === s.layers.length - 1 ? '='.repeat(width) : '_'.repeat(width));
  });
  lines.push(`Trainable params: ${s.trainable_params}`);
  lines.push(`Non-trainable params: ${s.non_trainable_params}`);
  lines.push(`Total params: ${s.total_params}`);
  return lines.join('\n');
}
