import type { Graph } from '../../model/graph';
import { getSpec } from '../../model/registry';
import { categoryClass } from '../nodes/category';

const BOX = { width: 18, height: 10, gapX: 8, gapY: 4 };
/** Head room for arcs over skipped boxes. */
const ARC = 7;

/**
 * Columns of a small left-to-right picture: each layer one column after the deepest layer that
 * feeds it, so a chain is a row of boxes and branches stack.
 */
export function previewColumns(graph: Graph): Map<string, { col: number; row: number }> {
  const into = new Map<string, string[]>();
  for (const e of graph.edges) into.set(e.target, [...(into.get(e.target) ?? []), e.source]);
  const col = new Map<string, number>();
  const depth = (id: string, seen: Set<string>): number => {
    if (col.has(id)) return col.get(id)!;
    if (seen.has(id)) return 0; // a cycle: the editor reports it; the picture just stops
    seen.add(id);
    const d = Math.max(-1, ...(into.get(id) ?? []).map((s) => depth(s, seen))) + 1;
    col.set(id, d);
    return d;
  };
  const rows = new Map<number, number>();
  const out = new Map<string, { col: number; row: number }>();
  for (const n of graph.nodes) {
    const c = depth(n.id, new Set());
    const row = rows.get(c) ?? 0;
    rows.set(c, row + 1);
    out.set(n.id, { col: c, row });
  }
  return out;
}

/** A tiny drawing of a template's graph: one box per layer in its family's colour, lines for the edges. */
export function TemplatePreview({ graph }: { graph: Graph }) {
  const at = previewColumns(graph);
  const cols = Math.max(1, ...[...at.values()].map((p) => p.col + 1));
  const rows = Math.max(1, ...[...at.values()].map((p) => p.row + 1));
  // An edge that skips columns along one row (a residual connection) arcs over the boxes between.
  const arcs = graph.edges.some((e) => at.get(e.target)!.col - at.get(e.source)!.col > 1 && at.get(e.target)!.row === at.get(e.source)!.row);
  const top = arcs ? ARC + 1 : 1;
  const x = (c: number) => c * (BOX.width + BOX.gapX) + 1;
  const y = (r: number) => r * (BOX.height + BOX.gapY) + top;
  const width = x(cols) - BOX.gapX + 1;
  const height = y(rows) - BOX.gapY + 1;
  return (
    <svg className="template-preview" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="xMinYMid meet" aria-hidden="true">
      {graph.edges.map((e) => {
        const a = at.get(e.source);
        const b = at.get(e.target);
        if (!a || !b) return null;
        if (b.col - a.col > 1 && a.row === b.row) {
          const [x1, x2, y0] = [x(a.col) + BOX.width / 2, x(b.col) + BOX.width / 2, y(a.row)];
          return <path key={e.id} d={`M ${x1} ${y0} C ${x1} ${y0 - ARC * 1.3} ${x2} ${y0 - ARC * 1.3} ${x2} ${y0}`} />;
        }
        return (
          <line key={e.id} x1={x(a.col) + BOX.width} y1={y(a.row) + BOX.height / 2} x2={x(b.col)} y2={y(b.row) + BOX.height / 2} />
        );
      })}
      {graph.nodes.map((n) => {
        const p = at.get(n.id)!;
        return <rect key={n.id} className={categoryClass(getSpec(n.type)?.category ?? 'Core')} x={x(p.col)} y={y(p.row)} width={BOX.width} height={BOX.height} rx={2.5} />;
      })}
    </svg>
  );
}
