import type { Edge, Graph, LayerNode, Params } from './graph';
import { defaultParamsFor, getSpec } from './registry';

/** Keras-style default layer names: `conv2d`, `conv2d_1`, … (Input becomes `input`). */
export function baseName(type: string): string {
  if (type === 'Input') return 'input';
  return type
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/(\d)_d\b/, '$1d');
}

export function uniqueName(taken: ReadonlySet<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let i = 1; ; i++) {
    const candidate = `${base}_${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export interface LayerDraft {
  type: string;
  params?: Params;
  name?: string;
  /** Ids or names of the layers feeding this one; defaults to the previous layer in the list. */
  from?: readonly string[];
  id?: string;
}

/**
 * Builds a graph from a list of layer drafts (a chain unless `from` says otherwise), filling in
 * default params, unique names and a left-to-right layout. Used by templates, tests and the CLI.
 */
export function buildGraph(drafts: readonly LayerDraft[]): Graph {
  const names = new Set<string>();
  const nodes: LayerNode[] = [];
  const edges: Edge[] = [];
  const idByKey = new Map<string, string>();
  drafts.forEach((d, i) => {
    const spec = getSpec(d.type);
    if (!spec) throw new Error(`Unknown layer type ${d.type}`);
    const name = d.name ?? uniqueName(names, baseName(d.type));
    names.add(name);
    const id = d.id ?? `n${i + 1}`;
    idByKey.set(id, id);
    idByKey.set(name, id);
    const sources = d.from ?? (i > 0 && d.type !== 'Input' ? [nodes[i - 1]!.id] : []);
    for (const s of sources) {
      const source = idByKey.get(s);
      if (!source) throw new Error(`Layer ${name} is fed from unknown layer ${s}`);
      edges.push({ id: `e${edges.length + 1}`, source, target: id });
    }
    nodes.push({ id, type: d.type, name, params: { ...defaultParamsFor(spec), ...d.params }, position: { x: 0, y: 0 } });
  });
  return { nodes: layoutByDepth(nodes, edges), edges };
}

/**
 * Rows by longest path from an input (top to bottom, as the canvas draws edges), branches side by
 * side in list order. Good enough until a real layout runs.
 */
export function layoutByDepth(nodes: readonly LayerNode[], edges: readonly Edge[], dx = 260, dy = 140): LayerNode[] {
  const depth = new Map<string, number>();
  const ids = new Set(nodes.map((n) => n.id));
  for (let pass = 0; pass < nodes.length; pass++) {
    let changed = false;
    for (const e of edges) {
      if (!ids.has(e.source) || !ids.has(e.target)) continue;
      const d = (depth.get(e.source) ?? 0) + 1;
      if (d > (depth.get(e.target) ?? 0)) {
        depth.set(e.target, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const across = new Map<number, number>();
  return nodes.map((n) => {
    const level = depth.get(n.id) ?? 0;
    const place = across.get(level) ?? 0;
    across.set(level, place + 1);
    return { ...n, position: { x: place * dx, y: level * dy } };
  });
}
