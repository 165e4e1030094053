/**
 * Binding a prepared dataset to the model: the Input takes the dataset's sample shape (one undo
 * step, with a notice), and the output layer is checked against the task. The mismatches go to
 * `bindingProblems` so the graph can pin them to their nodes.
 */
import type { PreparedDataset } from '../data/types';
import type { Graph, LayerNode } from '../model/graph';
import { setParams } from '../model/graph-ops';
import {
  proposeOutput as proposeOutputFor,
  textParams,
  type DataFacts,
  type OutputProposal,
} from '../model/template-fit';
import type { AppStore } from './index';
import type { BindingProblem } from './data-slice';
import { fitInputsToParts, inputsProblems } from './bind-inputs';

/** The output layer the dataset's task needs (the rule lives with template sizing in src/model). */
export function proposeOutput(dataset: Pick<PreparedDataset, 'task' | 'classNames'>): OutputProposal {
  return proposeOutputFor(dataset.task, dataset.classNames?.length ?? 0);
}

const sameShape = (a: unknown, b: readonly number[]) =>
  Array.isArray(a) && a.length === b.length && a.every((d, i) => d === b[i]);

/** What the Input's params must be for this data: its shape, and int32 token ids for text. */
function inputParams(dataset: PreparedDataset): { shape: number[]; dtype?: 'int32' } {
  return { shape: [...dataset.inputShape], ...(dataset.kind === 'text' ? { dtype: 'int32' as const } : {}) };
}

function inputFits(input: LayerNode, dataset: PreparedDataset): boolean {
  return (
    sameShape(input.params.shape, dataset.inputShape) && (dataset.kind !== 'text' || input.params.dtype === 'int32')
  );
}

/** The facts template sizing reads, for a text dataset; null for others. */
export function textFacts(dataset: PreparedDataset): DataFacts | null {
  if (dataset.kind !== 'text' || dataset.transform?.kind !== 'text') return null;
  return {
    kind: 'text',
    task: dataset.task,
    inputShape: dataset.inputShape,
    classes: dataset.classNames?.length ?? 0,
    vocabSize: dataset.transform.tokenizer.vocab.length,
  };
}

const LIMIT_WORDS: Readonly<Record<string, string>> = {
  input_dim: 'vocabulary (input_dim)',
  vocabulary_size: 'vocabulary (vocabulary_size)',
  sequence_length: 'sequence length (sequence_length)',
};

/**
 * Embedding-like layers too small for the data: a vocabulary below the tokenizer's (ids past it
 * have no vector) or positions fewer than the sequence length. Larger is allowed (it only wastes weights).
 */
function embeddingProblems(graph: Graph, dataset: PreparedDataset): BindingProblem[] {
  const facts = textFacts(dataset);
  if (!facts) return [];
  const problems: BindingProblem[] = [];
  for (const node of graph.nodes) {
    const want = textParams(node, facts);
    if (!want) continue;
    const short = Object.entries(want).filter(
      ([key, need]) => typeof node.params[key] !== 'number' || (node.params[key] as number) < (need as number),
    );
    if (short.length === 0) continue;
    const parts = short.map(([key, need]) => {
      const what =
        key === 'sequence_length'
          ? `the data's ${String(need)} tokens per sample`
          : `the tokenizer's ${String(need)} tokens`;
      return `its ${LIMIT_WORDS[key] ?? key} is ${String(node.params[key])}, fewer than ${what}`;
    });
    problems.push({ nodeId: node.id, message: `${parts.join('; ')}. Size it to the data.` });
  }
  return problems;
}

/** True when an embedding layer is smaller than the text data's vocabulary or sequence length. */
export function embeddingMismatch(graph: Graph, dataset: PreparedDataset): boolean {
  return embeddingProblems(graph, dataset).length > 0;
}

/** One click: each embedding-like layer takes the tokenizer's vocabulary and the data's sequence length (one undo step). */
export function fitEmbeddingsToData(store: AppStore): boolean {
  const s = store.getState();
  const facts = s.dataset ? textFacts(s.dataset) : null;
  if (!s.dataset || !facts) return false;
  const short = new Set(embeddingProblems(s.graph, s.dataset).map((p) => p.nodeId));
  if (short.size === 0) return false;
  let graph = s.graph;
  for (const node of graph.nodes) {
    const want = short.has(node.id) ? textParams(node, facts) : null;
    if (want) graph = setParams(graph, node.id, want);
  }
  s.setGraph(graph);
  refreshBinding(store);
  return true;
}

function singleInput(graph: Graph): LayerNode | null {
  const inputs = graph.nodes.filter((n) => n.type === 'Input');
  return inputs.length === 1 ? inputs[0]! : null;
}

/** The model's output node: the one node that feeds no other. */
function outputNode(graph: Graph): LayerNode | null {
  const feeding = new Set(graph.edges.map((e) => e.source));
  const outs = graph.nodes.filter((n) => !feeding.has(n.id) && n.type !== 'Input');
  return outs.length === 1 ? outs[0]! : null;
}

const describe = (p: OutputProposal) => `${p.units} unit${p.units === 1 ? '' : 's'} with ${p.activation}`;

export function bindingProblemsFor(graph: Graph, dataset: PreparedDataset): BindingProblem[] {
  if (graph.nodes.length === 0) return [];
  const problems: BindingProblem[] = [];
  const input = singleInput(graph);
  const inputs = graph.nodes.filter((n) => n.type === 'Input');
  if (dataset.inputs) {
    problems.push(...inputsProblems(graph, dataset.inputs));
  } else if (inputs.length > 1) {
    problems.push({
      nodeId: inputs[0]!.id,
      message: `The model has ${inputs.length} Inputs (${inputs.map((n) => n.name).join(', ')}); this data feeds one, of shape [${dataset.inputShape.join(', ')}]. Keep one Input, or give the data a text or id column (Data page, column role) so that it has a part for each.`,
    });
  } else if (input && !inputFits(input, dataset)) {
    const dtype = dataset.kind === 'text' && input.params.dtype !== 'int32';
    problems.push({
      nodeId: input.id,
      message: `The data gives samples of shape [${dataset.inputShape.join(', ')}]${dataset.kind === 'text' ? ' of int32 token ids' : ''}; this Input expects [${String(input.params.shape)}]${dtype ? ` of ${String(input.params.dtype ?? 'float32')}` : ''}.`,
    });
  }
  problems.push(...embeddingProblems(graph, dataset));
  const out = outputNode(graph);
  const want = proposeOutput(dataset);
  if (out && out.type === 'Dense') {
    const activation = (out.params.activation as string | undefined) ?? 'linear';
    if (out.params.units !== want.units || activation !== want.activation) {
      const task = dataset.task === 'multiclass' ? `${want.units} classes` : dataset.task;
      problems.push({
        nodeId: out.id,
        message: `The data is ${task}: the output layer should have ${describe(want)}, not ${String(out.params.units)} with ${activation}.`,
      });
    }
  } else if (out) {
    problems.push({
      nodeId: out.id,
      message: `The model ends in ${out.type}; for this data end it with a Dense layer of ${describe(want)}.`,
    });
  }
  return problems;
}

/** Sets the Input's shape to the dataset's (one undo step) and records what still mismatches. */
export function bindDataset(store: AppStore, dataset: PreparedDataset): void {
  const s = store.getState();
  // A GAN's Inputs are a latent vector and an image: the DCGAN template sizes them, not this.
  if (s.gan) return;
  const input = singleInput(s.graph);
  let notice: string | null = null;
  if (input && !inputFits(input, dataset)) {
    const before = String(input.params.shape);
    s.setGraph(setParams(s.graph, input.id, inputParams(dataset)));
    notice = `Input "${input.name}" shape set from [${before}] to [${dataset.inputShape.join(', ')}]${dataset.kind === 'text' ? ' (int32 token ids)' : ''} to match the data.`;
  }
  s.patchDataPage({ bindingNotice: notice });
  refreshBinding(store);
}

export function refreshBinding(store: AppStore): void {
  const s = store.getState();
  s.setBindingProblems(s.dataset && !s.gan ? bindingProblemsFor(s.graph, s.dataset) : []);
}

/** True when the model has one Input and its shape is not the data's (a dataset with several parts: see `inputsMismatch`). */
export function inputMismatch(graph: Graph, dataset: PreparedDataset): boolean {
  const input = singleInput(graph);
  return !dataset.inputs && input !== null && !inputFits(input, dataset);
}

/** True when the data has several parts and the model's Inputs (or the embeddings they feed) do not take them. */
export function inputsMismatch(graph: Graph, dataset: PreparedDataset): boolean {
  return dataset.inputs !== undefined && inputsProblems(graph, dataset.inputs).length > 0;
}

/** True when Fix has something to do for a dataset with several parts (an Input no part is left for is the user's to delete). */
export function inputsFixable(graph: Graph, dataset: PreparedDataset): boolean {
  return inputsMismatch(graph, dataset) && fitInputsToParts(graph, dataset.inputs!).changes.length > 0;
}

/**
 * One click for a dataset with several parts: the Inputs are renamed, reshaped or added to take
 * them and the embeddings they feed are sized (one undo step); the notice says what changed.
 */
export function matchInputsToData(store: AppStore): boolean {
  const s = store.getState();
  if (!s.dataset?.inputs || !inputsMismatch(s.graph, s.dataset)) return false;
  const { graph, changes } = fitInputsToParts(s.graph, s.dataset.inputs);
  if (changes.length === 0) return false;
  s.setGraph(graph);
  s.patchDataPage({ bindingNotice: `Bound the model to the data: ${changes.join('; ')}.` });
  refreshBinding(store);
  return true;
}

/** One click: the Input takes the data's sample shape (one undo step). */
export function matchInputToData(store: AppStore): boolean {
  const s = store.getState();
  const input = singleInput(s.graph);
  if (!s.dataset || !input || !inputMismatch(s.graph, s.dataset)) return false;
  s.setGraph(setParams(s.graph, input.id, inputParams(s.dataset)));
  refreshBinding(store);
  return true;
}

/** One click: the output Dense gets the units and activation the task needs. */
export function fixOutputLayer(store: AppStore): boolean {
  const s = store.getState();
  const out = outputNode(s.graph);
  if (!s.dataset || !out || out.type !== 'Dense') return false;
  const want = proposeOutput(s.dataset);
  s.setGraph(setParams(s.graph, out.id, { units: want.units, activation: want.activation }));
  refreshBinding(store);
  return true;
}
