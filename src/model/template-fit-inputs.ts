/**
 * Sizing a template of several Inputs to data of several parts (mixed inputs: text or id columns
 * beside numeric ones). Each template Input takes the part of its role (an Input feeding an
 * Embedding takes an `id` part when it holds one value, else a `text` part; any other Input takes
 * the `features` part), is renamed after it (training feeds each Input the part of its name) and
 * takes its shape and dtype; each Embedding it feeds takes the part's vocabulary. A part the
 * template has no Input for joins the template's Concatenate through a branch of its own.
 */
import { uniqueName } from './build';
import type { Graph, LayerNode } from './graph';
import { addNode, connect, renameNode, setParams, type EditResult } from './graph-ops';

/** One part of the data as template sizing sees it (the model-side view of src/data's InputPart). */
export interface InputFacts {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly role: 'text' | 'features' | 'id';
  readonly columns?: readonly string[];
  /** Distinct ids or tokens (an Embedding's input_dim), for `id` and `text` parts. */
  readonly vocabulary?: number;
}

/** A template that does not fit the data, with a sentence for the user saying why. */
export class TemplateFitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateFitError';
  }
}

const EMBEDDINGS = new Set(['Embedding', 'TokenAndPositionEmbedding', 'PositionEmbedding']);
const ROLE_FLAG = { id: '--id-columns', text: '--text-columns', features: 'numeric columns' } as const;

const consumers = (graph: Graph, id: string): LayerNode[] =>
  graph.edges.filter((e) => e.source === id).map((e) => graph.nodes.find((n) => n.id === e.target)!);

/** The part an Input of the template is for, read from what it feeds and its shape. */
export function templateInputRole(graph: Graph, input: LayerNode): InputFacts['role'] {
  if (!consumers(graph, input.id).some((n) => EMBEDDINGS.has(n.type))) return 'features';
  const shape = input.params.shape;
  return Array.isArray(shape) && shape.length === 1 && shape[0] === 1 ? 'id' : 'text';
}

const describe = (p: InputFacts) =>
  `${p.role} part '${p.name}'${p.columns && p.columns.length > 0 ? ` (${p.columns.join(', ')})` : ''}`;

const ok = (r: EditResult): Graph => {
  if (!r.ok) throw new TemplateFitError(r.reason);
  return r.graph;
};

/** Each template Input's part: the first free one of its role, else (embedding Inputs) of the other id-like role. */
function assign(graph: Graph, id: string, parts: readonly InputFacts[]): Map<LayerNode, InputFacts> {
  const inputs = graph.nodes.filter((n) => n.type === 'Input');
  const free = new Set(parts);
  const match = new Map<LayerNode, InputFacts>();
  const pass = (accept: (role: InputFacts['role'], part: InputFacts) => boolean) => {
    for (const input of inputs) {
      if (match.has(input)) continue;
      const role = templateInputRole(graph, input);
      const part = [...free].find((p) => accept(role, p));
      if (part) {
        match.set(input, part);
        free.delete(part);
      }
    }
  };
  pass((role, p) => p.role === role);
  pass((role, p) => role !== 'features' && p.role !== 'features');
  const lacking = inputs.filter((n) => !match.has(n));
  if (lacking.length > 0) {
    const wants = inputs.map((n) => `${templateInputRole(graph, n)} (${n.name})`).join(', ');
    const roles = [...new Set(lacking.map((n) => templateInputRole(graph, n)))];
    throw new TemplateFitError(
      `The template '${id}' takes ${inputs.length} Inputs, ${wants}, but this data has ${parts.map(describe).join(', ') || 'no parts'}; ` +
        `mark the columns for ${lacking.map((n) => `'${n.name}'`).join(', ')} as ${roles.join(' or ')} columns (Data page column role, or ${roles.map((r) => ROLE_FLAG[r]).join(' / ')}).`,
    );
  }
  return match;
}

/** The template's Inputs renamed, shaped and typed after their parts, embeddings sized, extra parts joined in. */
export function fitTemplateInputs(template: Graph, id: string, parts: readonly InputFacts[]): Graph {
  let graph = template;
  const match = assign(graph, id, parts);
  // Free the part names first: a layer (or another Input) may hold one of them.
  const wanted = new Set(parts.map((p) => p.name));
  const taken = new Set([...graph.nodes.map((n) => n.name), ...wanted]);
  for (const node of graph.nodes.filter((n) => wanted.has(n.name))) {
    const temp = uniqueName(taken, `${node.name}_template`);
    taken.add(temp);
    graph = ok(renameNode(graph, node.id, temp));
  }
  for (const [input, part] of match) {
    graph = ok(renameNode(graph, input.id, part.name));
    graph = setParams(graph, input.id, { shape: [...part.shape], dtype: part.dtype });
    for (const next of consumers(graph, input.id)) graph = sizeEmbedding(graph, next, part);
  }
  const extra = parts.filter((p) => ![...match.values()].includes(p));
  for (const part of extra) graph = joinPart(graph, id, part);
  return graph;
}

function sizeEmbedding(graph: Graph, node: LayerNode, part: InputFacts): Graph {
  const vocab = part.vocabulary;
  const length = part.shape[0] ?? 1;
  if (node.type === 'Embedding' && vocab !== undefined) return setParams(graph, node.id, { input_dim: vocab });
  if (node.type === 'TokenAndPositionEmbedding' && vocab !== undefined)
    return setParams(graph, node.id, { vocabulary_size: vocab, sequence_length: length });
  if (node.type === 'PositionEmbedding') return setParams(graph, node.id, { sequence_length: length });
  return graph;
}

/**
 * A part the template has no Input for: its own Input into the Concatenate, through an Embedding
 * (Flatten for an id, average pooling for text) when it holds ids.
 */
function joinPart(graph: Graph, id: string, part: InputFacts): Graph {
  const concat = graph.nodes.find((n) => n.type === 'Concatenate');
  if (!concat) {
    throw new TemplateFitError(
      `The template '${id}' has no Input for the ${describe(part)}, and no Concatenate to join it to; leave those columns out or choose a template with an Input for them.`,
    );
  }
  const inputs = graph.nodes.filter((n) => n.type === 'Input');
  const x = Math.min(...inputs.map((n) => n.position.x));
  const y = Math.max(...inputs.map((n) => n.position.y)) + 120;
  const input = addNode(graph, 'Input', { x, y }, { shape: [...part.shape], dtype: part.dtype });
  graph = ok(renameNode(input.graph, input.id, part.name));
  let last = input.id;
  if (part.role !== 'features') {
    const sibling = graph.nodes.find((n) => n.type === 'Embedding');
    const dim = typeof sibling?.params.output_dim === 'number' ? sibling.params.output_dim : 16;
    const embed = addNode(graph, 'Embedding', { x: x + 220, y }, { input_dim: part.vocabulary ?? 2, output_dim: dim });
    graph = ok(connect(embed.graph, last, embed.id));
    const reduce = part.role === 'id' ? 'Flatten' : 'GlobalAveragePooling1D';
    const flat = addNode(graph, reduce, { x: x + 440, y });
    graph = ok(connect(flat.graph, embed.id, flat.id));
    last = flat.id;
  }
  return ok(connect(graph, last, concat.id));
}
