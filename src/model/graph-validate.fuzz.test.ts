/**
 * Fuzzing the graph validator (issue 8): graphs built by random sequences of edits — layers of
 * every registered type with in-range, boundary, wrongly typed or missing params, checked and
 * forced connections (cycles, fan-in, dangling edges), deletions, renames to HTML, very long or
 * empty strings. After every edit analyzeGraph must not throw, and every error it returns must
 * carry a readable message and point at a node that exists.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GraphAnalysis } from './analyze';
import { analyzeGraph } from './analyze';
import {
  expectReadable,
  FUZZ_TEST_TIMEOUT_MS,
  fuzzParameters,
  fuzzSeed,
  outcomeOf,
  PROTOTYPE_NAMES,
} from './fuzz-support';
import type { Graph, LayerNode, ParamValue } from './graph';
import { emptyGraph } from './graph';
import { addNode, appendAfter, connect, pasteNodes, removeElements, renameNode, setParams } from './graph-ops';
import { LAYER_NAME } from './param-check';
import type { ParamDef } from './params';
import { ACTIVATIONS, INITIALIZERS } from './params';
import { getSpec, layerTypes, specParams } from './registry';

const SEED = fuzzSeed(process.env.FUZZ_SEED);
const TYPES = layerTypes();

/** How one param is set: 0 keep, 1 in range, 2 on or just past a bound, 3 wrong type, 4 removed. */
interface Knob {
  readonly mode: number;
  readonly n: number;
  readonly f: number;
}
// Mostly kept or in range, so graphs get far enough for shapes to be inferred; the rest is damage.
const mode = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.constant(1) },
  fc.constantFrom(2, 3, 4),
);
const knob: fc.Arbitrary<Knob> = fc.record({ mode, n: fc.nat(), f: fc.double({ min: 0, max: 1, noNaN: true }) });
const knobs = fc.array(knob, { maxLength: 20 });

const WRONG: readonly unknown[] = [
  ...[Number.NaN, Infinity, -Infinity, 1e12, -1e12, 0.5, -0, 'x', '', null, true],
  ...[[], [1.5], [Number.NaN], [1e12, 1e12], { l1: -1, l2: Number.NaN }, {}, ...PROTOTYPE_NAMES],
];

/** Small in-range numbers (big ones come from the bounds), so shapes stay meaningful. */
function inRangeInts(def: { min?: number; max?: number }, n: number, count: number): number[] {
  const lo = def.min ?? -1;
  const hi = Math.min(def.max ?? lo + 40, lo + 40);
  return Array.from({ length: count }, (_, i) => lo + (((n >>> (i * 4)) + i * 7) % (hi - lo + 1)));
}

function valueFor(def: ParamDef, k: Knob): ParamValue | undefined {
  const { n, f } = k;
  if (k.mode === 3) return WRONG[n % WRONG.length] as ParamValue;
  const bounded = 'min' in def || 'max' in def ? (def as { min?: number; max?: number }) : {};
  if (k.mode === 2) {
    const edges = [bounded.min, bounded.max, (bounded.min ?? 0) - 1, (bounded.max ?? 2 ** 31) + 1, 2 ** 31, 0];
    const edge = edges[n % edges.length] ?? 0;
    return def.kind === 'ints' ? Array.from({ length: def.length ?? 1 + (n % 3) }, () => edge) : edge;
  }
  switch (def.kind) {
    case 'int':
      return def.nullable && n % 5 === 0 ? null : inRangeInts(def, n, 1)[0]!;
    case 'float': {
      const lo = def.min ?? -10;
      return lo + f * ((def.max ?? lo + 10) - lo);
    }
    case 'bool':
      return n % 2 === 0;
    case 'enum':
      return def.options[n % def.options.length]!;
    case 'activation':
      return ACTIVATIONS[n % ACTIVATIONS.length]!;
    case 'initializer':
      return INITIALIZERS[n % INITIALIZERS.length]!;
    case 'regularizer':
      return n % 3 === 0 ? null : { l1: f, l2: f / 2 };
    case 'ints':
      return inRangeInts(def, n, def.length ?? Math.max(def.minLength ?? 1, 1 + (n % 4)));
  }
}

/** The params `knobs` give a node of `type`; `undefined` removes the key. */
function paramsFor(type: string, ks: readonly Knob[]): Record<string, ParamValue | undefined> {
  const spec = getSpec(type);
  const out: Record<string, ParamValue | undefined> = {};
  if (!spec) return out;
  specParams(spec).forEach((def, i) => {
    const k = ks[i];
    if (k && k.mode !== 0) out[def.key] = k.mode === 4 ? undefined : valueFor(def, k);
  });
  return out;
}

/** Names an imported or hand-edited project could carry: markup, quotes, empty, huge, unusual Unicode. */
const HOSTILE_NAMES = [
  ...['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', "dense'; --", '', ' ', 'a'.repeat(10_000)],
  ...['input', 'dense', 'valid_name.1-2', '名前', 'a/b', '\u0000', '\u202Eevil', ...PROTOTYPE_NAMES],
];
const NAMES = fc.oneof(
  fc.constantFrom(...HOSTILE_NAMES),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);

type Op =
  | { readonly op: 'add'; readonly type: number; readonly knobs: readonly Knob[] }
  | { readonly op: 'append'; readonly type: number; readonly after: number }
  | { readonly op: 'unknownType'; readonly type: string }
  | { readonly op: 'connect' | 'forceEdge'; readonly from: number; readonly to: number; readonly ghost: boolean }
  | { readonly op: 'remove' | 'duplicateId'; readonly node: number }
  | { readonly op: 'removeEdge'; readonly edge: number }
  | { readonly op: 'setParams'; readonly node: number; readonly knobs: readonly Knob[] }
  | { readonly op: 'rename' | 'forceRename'; readonly node: number; readonly name: string }
  | { readonly op: 'paste'; readonly nodes: readonly number[] };

// Input (index 0) is drawn often: without one, nothing downstream gets a shape.
const typeIndex = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.nat({ max: TYPES.length - 1 }) },
);
const anOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('add' as const), type: typeIndex, knobs }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('append' as const), type: typeIndex, after: fc.nat() }) },
  fc.record({
    op: fc.constant('unknownType' as const),
    type: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...PROTOTYPE_NAMES)),
  }),
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constantFrom('connect' as const, 'forceEdge' as const),
      from: fc.nat(),
      to: fc.nat(),
      ghost: fc.boolean(),
    }),
  },
  fc.record({ op: fc.constantFrom('remove' as const, 'duplicateId' as const), node: fc.nat() }),
  fc.record({ op: fc.constant('removeEdge' as const), edge: fc.nat() }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant('setParams' as const), node: fc.nat(), knobs }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constantFrom('rename' as const, 'forceRename' as const),
      node: fc.nat(),
      name: NAMES,
    }),
  },
  fc.record({ op: fc.constant('paste' as const), nodes: fc.array(fc.nat(), { maxLength: 4 }) }),
);

const pick = <T>(items: readonly T[], i: number): T | undefined =>
  items.length > 0 ? items[i % items.length] : undefined;
const withNode = (g: Graph, id: string, change: (n: LayerNode) => LayerNode): Graph => ({
  ...g,
  nodes: g.nodes.map((n) => (n.id === id ? change(n) : n)),
});
const withParams = (n: LayerNode, patch: Record<string, ParamValue | undefined>): LayerNode => {
  const params: Record<string, ParamValue> = { ...n.params };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete params[key];
    else params[key] = value;
  }
  return { ...n, params };
};

/** Applies one edit; the checked edits (connect, rename) must refuse with a reason, never throw. */
function apply(g: Graph, op: Op, step: number): Graph {
  const node = 'node' in op ? pick(g.nodes, op.node) : undefined;
  switch (op.op) {
    case 'add': {
      const type = TYPES[op.type]!;
      const added = addNode(g, type, { x: step * 10, y: 0 }, {}, `n${step}`);
      return withNode(added.graph, added.id, (n) => withParams(n, paramsFor(type, op.knobs)));
    }
    case 'append':
      return appendAfter(g, TYPES[op.type]!, pick(g.nodes, op.after)?.id ?? null).graph;
    case 'unknownType':
      return {
        ...g,
        nodes: [
          ...g.nodes,
          { id: `u${step}`, type: op.type, name: `unknown_${step}`, params: {}, position: { x: 0, y: 0 } },
        ],
      };
    case 'connect': {
      const [from, to] = [pick(g.nodes, op.from), pick(g.nodes, op.to)];
      if (!from || !to) return g;
      const result = connect(g, from.id, to.id, `e${step}`);
      if (!result.ok) expectReadable(result.reason, graphText(g));
      return result.ok ? result.graph : g;
    }
    case 'forceEdge': {
      // As a hand-edited or imported project could hold: loops, too many inputs, a missing end.
      const from = pick(g.nodes, op.from)?.id ?? 'ghost';
      const to = op.ghost ? 'ghost' : (pick(g.nodes, op.to)?.id ?? 'ghost');
      return { ...g, edges: [...g.edges, { id: `f${step}`, source: from, target: to }] };
    }
    case 'remove':
      return node ? removeElements(g, [node.id]) : g;
    case 'duplicateId':
      return node ? { ...g, nodes: [...g.nodes, { ...node, name: `${node.name}_dup` }] } : g;
    case 'removeEdge': {
      const edge = pick(g.edges, op.edge);
      return edge ? removeElements(g, [], [edge.id]) : g;
    }
    case 'setParams': {
      if (!node) return g;
      const patch = paramsFor(node.type, op.knobs);
      const present = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Record<
        string,
        ParamValue
      >;
      const set = setParams(g, node.id, present);
      return withNode(set, node.id, (n) => withParams(n, patch));
    }
    case 'rename': {
      if (!node) return g;
      const result = renameNode(g, node.id, op.name);
      if (!result.ok) {
        expectReadable(result.reason, op.name);
        return g;
      }
      expect(LAYER_NAME.test(op.name)).toBe(true);
      return result.graph;
    }
    case 'forceRename':
      return node ? withNode(g, node.id, (n) => ({ ...n, name: op.name })) : g;
    case 'paste': {
      const chosen = op.nodes.map((i) => pick(g.nodes, i)).filter((n): n is LayerNode => n !== undefined);
      return pasteNodes(g, chosen, g.edges, { x: 40, y: 40 }).graph;
    }
  }
}

/** What a person could see printed: names, types and param values of the graph. */
function graphText(g: Graph): string {
  return g.nodes.map((n) => `${n.name} ${n.type} ${Object.values(n.params).map(String).join(' ')}`).join(' ');
}

/** A plain check: `expect` is too slow for the ~20,000 analyses of one run. */
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

function expectSoundAnalysis(g: Graph, a: GraphAnalysis): void {
  const ids = new Set(g.nodes.map((n) => n.id));
  const text = graphText(g);
  for (const issue of a.errors) {
    expectReadable(issue.message, text);
    check(issue.nodeId === null || ids.has(issue.nodeId), `error on a node that is not in the graph: ${issue.message}`);
    check(
      issue.port === undefined || (Number.isInteger(issue.port) && issue.port >= 0),
      `bad port ${issue.port}: ${issue.message}`,
    );
    if (issue.param !== undefined && issue.nodeId !== null) {
      const specs = g.nodes.filter((n) => n.id === issue.nodeId).map((n) => getSpec(n.type));
      check(
        specs.some((spec) => spec !== undefined && specParams(spec).some((d) => d.key === issue.param)),
        `error names param ${issue.param}, which its layer does not have: ${issue.message}`,
      );
    }
  }
  check(
    a.order.every((id) => ids.has(id)),
    'the order lists a node that is not in the graph',
  );
  for (const shape of a.shapes.values()) {
    check(
      shape.every((d) => d === null || (Number.isInteger(d) && d > 0)),
      `invalid shape ${JSON.stringify(shape)}`,
    );
  }
  for (const c of a.counts.values()) check(Number.isFinite(c.total) && c.total >= 0, `bad parameter count ${c.total}`);
  check(Number.isFinite(a.totals.total), `bad total ${a.totals.total}`);
}

const reached = { analysed: 0, shaped: 0, clean: 0 };

describe('graph validator fuzzing', () => {
  it('analyses every graph reached by random edits without throwing', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.array(anOp, { minLength: 2, maxLength: 40, size: 'medium' }), (ops) => {
        let g: Graph = emptyGraph;
        ops.forEach((op, step) => {
          g = apply(g, op, step);
          const analysis = outcomeOf('analyzeGraph', () => analyzeGraph(g));
          if (!analysis.ok) throw analysis.error;
          reached.analysed++;
          reached.shaped += analysis.value.shapes.size;
          if (analysis.value.errors.length === 0) reached.clean++;
          expectSoundAnalysis(g, analysis.value);
        });
      }),
      fuzzParameters(SEED + 30),
    );
    // With a fixed seed, enough layers must get shapes (and some graphs be clean) for the run to mean anything.
    expect(reached.shaped).toBeGreaterThan(1000);
    expect(reached.clean).toBeGreaterThan(100);
  });
});

describe('graph validator: known bugs', () => {
  // BUG 4 (fixed: src/model/size-limits.ts bounds Input sizes, outputs and parameter counts): an Input's shape had no upper bound, so a dimension like 1e308 passes the param check;
  // a Dense after it then counts Infinity parameters (and Flatten reports "[null, null]", as
  // JSON prints Infinity) while analyzeGraph returns no error. The compiler would then try to
  // allocate the weights. Minimal case: Input shape [1e308] → Dense(1): totals.total === Infinity, errors [].
  it('flags dimensions so large that sizes stop being finite', () => {
    const huge = fc.constantFrom(1e308, 2 ** 1000, 1e200);
    fc.assert(
      fc.property(
        fc.array(huge, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('Dense', 'Conv1D', 'LSTM'),
        (shape, type) => {
          let g = addNode(emptyGraph, 'Input', { x: 0, y: 0 }, { shape }, 'in').graph;
          g = addNode(g, type, { x: 1, y: 0 }, {}, 'next').graph;
          const linked = connect(g, 'in', 'next', 'e');
          if (linked.ok) g = linked.graph;
          const analysis = analyzeGraph(g);
          check(
            analysis.errors.length > 0 || Number.isFinite(analysis.totals.total),
            `no error, but ${analysis.totals.total} parameters`,
          );
        },
      ),
      fuzzParameters(SEED + 31, undefined, 100),
    );
  });
});
