/**
 * Binding a dataset with several parts (`PreparedDataset.inputs`) to a model with several Inputs:
 * each part feeds the Input of its name, with its shape and dtype, and each Embedding-like layer
 * fed directly by an `id` or `text` part must cover its vocabulary. The fix matches the model's
 * Inputs to the parts (by name, then by role in order, then by order), renames and reshapes them,
 * adds an Input branch for each part the model lacks, and sizes the embeddings: one graph, so one
 * undo step. Pure functions of (graph, parts); bind-dataset.ts wires them to the store.
 */
import type { InputPart } from '../data/types';
import { analyzeGraph } from '../model/analyze';
import type { Graph, LayerNode } from '../model/graph';
import { addNode, connect, renameNode, setParams } from '../model/graph-ops';
import { textParams } from '../model/template-fit';
import { templateInputRole } from '../model/template-fit-inputs';
import type { BindingProblem } from './data-slice';

/** "a", "a and b", "a, b and c". */
const listed = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;

/** "user_id [1] int32": how a part is named to the user. */
export const describePart = (p: InputPart) => `${p.name} [${p.shape.join(', ')}] ${p.dtype}`;

const describeInput = (n: LayerNode) =>
  `${n.name} [${Array.isArray(n.params.shape) ? n.params.shape.join(', ') : String(n.params.shape)}] ${String(n.params.dtype ?? 'float32')}`;

const inputNodes = (graph: Graph) => graph.nodes.filter((n) => n.type === 'Input');

const consumers = (graph: Graph, id: string) =>
  graph.edges.filter((e) => e.source === id).map((e) => graph.nodes.find((n) => n.id === e.target)!);

function fits(input: LayerNode, part: InputPart): boolean {
  const shape = input.params.shape;
  const dtype = (input.params.dtype as string | undefined) ?? 'float32';
  return (
    Array.isArray(shape) &&
    shape.length === part.shape.length &&
    shape.every((d, i) => d === part.shape[i]) &&
    dtype === part.dtype
  );
}

/** Each part's Input: by name, then the next unmatched Input of the same role, then the next unmatched one. */
export function matchInputs(graph: Graph, parts: readonly InputPart[]): Map<InputPart, LayerNode | null> {
  const inputs = inputNodes(graph);
  const free = new Set(inputs);
  const match = new Map<InputPart, LayerNode | null>();
  for (const part of parts) {
    const named = inputs.find((n) => n.name === part.name);
    if (named) free.delete(named);
    match.set(part, named ?? null);
  }
  const take = (part: InputPart, ok: (n: LayerNode) => boolean) => {
    if (match.get(part)) return;
    const found = [...free].find(ok);
    if (!found) return;
    free.delete(found);
    match.set(part, found);
  };
  for (const part of parts) take(part, (n) => templateInputRole(graph, n) === part.role);
  for (const part of parts) take(part, () => true);
  return match;
}

/** The params each embedding fed directly by an `id`/`text` part's Input must have at least. */
function embeddingNeeds(
  graph: Graph,
  parts: readonly InputPart[],
): { node: LayerNode; part: InputPart; want: Record<string, number> }[] {
  const out: { node: LayerNode; part: InputPart; want: Record<string, number> }[] = [];
  for (const part of parts) {
    if (part.role === 'features' || part.vocabulary === undefined) continue;
    const input = inputNodes(graph).find((n) => n.name === part.name);
    if (!input) continue;
    for (const node of consumers(graph, input.id)) {
      const facts = {
        kind: 'text' as const,
        task: 'binary' as const,
        inputShape: part.shape,
        classes: 0,
        vocabSize: part.vocabulary,
      };
      const want = textParams(node, facts) as Record<string, number> | null;
      if (want) out.push({ node, part, want });
    }
  }
  return out;
}

const short = (node: LayerNode, want: Record<string, number>) =>
  Object.entries(want).filter(
    ([key, need]) => typeof node.params[key] !== 'number' || (node.params[key] as number) < need,
  );

/** What keeps the model's Inputs from taking the parts; empty when each part has its Input. */
export function inputsProblems(graph: Graph, parts: readonly InputPart[]): BindingProblem[] {
  const inputs = inputNodes(graph);
  if (inputs.length === 0) return [];
  const problems: BindingProblem[] = [];
  const names = new Set(parts.map((p) => p.name));
  const unnamed = parts.filter((p) => !inputs.some((n) => n.name === p.name));
  const stray = inputs.filter((n) => !names.has(n.name));
  if (unnamed.length > 0 || stray.length > 0) {
    const data = `The data has ${parts.length} input${parts.length === 1 ? '' : 's'}, ${listed(parts.map(describePart))}`;
    const model = `the model's Input${inputs.length === 1 ? ' is' : 's are'} ${listed(inputs.map((n) => n.name))}`;
    // More Inputs than parts: Fix binds what it can, the rest is the user's to delete.
    const matched = new Set(matchInputs(graph, parts).values());
    const unfed = inputs.filter((n) => !matched.has(n));
    const advice =
      unfed.length > 0
        ? ` No part is left for ${listed(unfed.map((n) => n.name))}: delete ${unfed.length === 1 ? 'it' : 'them'} and the layers only ${unfed.length === 1 ? 'it feeds' : 'they feed'}${unnamed.length > 0 ? ', and press Fix for the rest' : ''}.`
        : ' Each part feeds the Input of its name: press Fix to rename, reshape or add Inputs.';
    problems.push({ nodeId: (unfed[0] ?? stray[0] ?? inputs[0]!).id, message: `${data}; ${model}.${advice}` });
  }
  for (const part of parts) {
    const input = inputs.find((n) => n.name === part.name);
    if (input && !fits(input, part)) {
      problems.push({
        nodeId: input.id,
        message: `The data's part ${describePart(part)} (${part.role} from ${part.columns.join(', ')}) feeds this Input, which expects ${describeInput(input)}.`,
      });
    }
  }
  for (const { node, part, want } of embeddingNeeds(graph, parts)) {
    const lacking = short(node, want);
    if (lacking.length === 0) continue;
    const what = lacking.map(
      ([key, need]) =>
        `its ${key} is ${String(node.params[key])}, below the ${String(need)} ${key === 'sequence_length' ? 'tokens per sample' : 'ids'} of ${part.name}`,
    );
    problems.push({ nodeId: node.id, message: `${what.join('; ')}. Size it to the data.` });
  }
  return problems;
}

/** The last node of a chain from `id` whose output is one vector per sample: where a new branch can join. */
function joinPoint(graph: Graph, id: string): LayerNode | null {
  const shapes = analyzeGraph(graph).shapes;
  let node = graph.nodes.find((n) => n.id === id) ?? null;
  while (node) {
    const next = consumers(graph, node.id);
    if (shapes.get(node.id)?.length === 2 && node.type !== 'Input') return node;
    if (node.type === 'Input' && node.params.dtype !== 'int32' && shapes.get(node.id)?.length === 2) return node;
    if (next.length !== 1) return null;
    node = next[0]!;
  }
  return null;
}

/** Adds an Input for `part` (with an Embedding branch for ids and text) and joins it into the model. */
function addBranch(graph: Graph, part: InputPart, anchor: string | null): { graph: Graph; joined: boolean } {
  // Left of everything, one row per layer, so the new branch does not cover the model.
  const left = Math.min(0, ...graph.nodes.map((n) => n.position.x)) - 260;
  const top = Math.min(0, ...graph.nodes.map((n) => n.position.y));
  let row = 0;
  const next = () => ({ x: left, y: top + 140 * row++ });
  let g = addNode(graph, 'Input', next(), { shape: [...part.shape], dtype: part.dtype });
  const inputId = g.id;
  const renamed = renameNode(g.graph, inputId, part.name);
  let graphNow = renamed.ok ? renamed.graph : g.graph;
  let tail = inputId;
  if (part.role !== 'features') {
    g = addNode(graphNow, 'Embedding', next(), {
      input_dim: part.vocabulary ?? 1000,
      output_dim: part.role === 'id' ? 16 : 32,
    });
    graphNow = chain(g.graph, tail, g.id);
    tail = g.id;
    g = addNode(graphNow, part.role === 'id' ? 'Flatten' : 'GlobalAveragePooling1D', next());
    graphNow = chain(g.graph, tail, g.id);
    tail = g.id;
  }
  const concat = graphNow.nodes.filter((n) => n.type === 'Concatenate');
  if (concat.length === 1) return { graph: chain(graphNow, tail, concat[0]!.id), joined: true };
  const join = anchor ? joinPoint(graphNow, anchor) : null;
  if (!join) return { graph: graphNow, joined: false };
  // Join here: the vector of the existing branch and the new one go through a Concatenate to what followed.
  const after = graphNow.edges.filter((e) => e.source === join.id);
  g = addNode({ ...graphNow, edges: graphNow.edges.filter((e) => e.source !== join.id) }, 'Concatenate', {
    x: join.position.x,
    y: join.position.y + 70,
  });
  graphNow = chain(chain(g.graph, join.id, g.id), tail, g.id);
  for (const e of after) graphNow = chain(graphNow, g.id, e.target);
  return { graph: graphNow, joined: true };
}

function chain(graph: Graph, source: string, target: string): Graph {
  const r = connect(graph, source, target);
  return r.ok ? r.graph : graph;
}

/**
 * The model with its Inputs bound to the parts: matched Inputs renamed and reshaped, missing ones
 * added and joined, embeddings sized. `changes` says what was done, for the notice.
 */
export function fitInputsToParts(graph: Graph, parts: readonly InputPart[]): { graph: Graph; changes: string[] } {
  const changes: string[] = [];
  const match = matchInputs(graph, parts);
  let g = graph;
  // Names first go to placeholders, so swapping two Inputs' names never collides.
  for (const [part, node] of match) {
    if (!node || node.name === part.name) continue;
    const r = renameNode(g, node.id, `${part.name}__binding`);
    if (r.ok) g = r.graph;
  }
  let anchor: string | null = null;
  for (const [part, node] of match) {
    if (!node) continue;
    anchor ??= node.id;
    if (node.name !== part.name) {
      const taken = g.nodes.find((n) => n.name === part.name && n.id !== node.id);
      if (taken) {
        const moved = renameNode(g, taken.id, `${part.name}_layer`);
        if (moved.ok) g = moved.graph;
      }
      const r = renameNode(g, node.id, part.name);
      if (r.ok) g = r.graph;
      changes.push(`Input ${node.name} is now ${part.name}`);
    }
    const current = g.nodes.find((n) => n.id === node.id)!;
    if (!fits(current, part)) {
      g = setParams(g, node.id, { shape: [...part.shape], dtype: part.dtype });
      changes.push(`${part.name} takes [${part.shape.join(', ')}] ${part.dtype}`);
    }
  }
  for (const [part, node] of match) {
    if (node) continue;
    const added = addBranch(g, part, anchor);
    g = added.graph;
    changes.push(`added Input ${describePart(part)}${added.joined ? '' : ' (connect it to the model)'}`);
  }
  for (const { node, want } of embeddingNeeds(g, parts)) {
    const lacking = short(node, want);
    if (lacking.length === 0) continue;
    g = setParams(g, node.id, Object.fromEntries(lacking));
    changes.push(`${node.name} sized to ${lacking.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  return { graph: g, changes };
}
