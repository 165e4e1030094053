/**
 * Binding a prepared dataset to the model: the Input takes the dataset's sample shape (one undo
 * step, with a notice), and the output layer is checked against the task. The mismatches go to
 * `bindingProblems` so the graph can pin them to their nodes.
 */
import type { PreparedDataset } from '../data/types';
import { buildGraph, type LayerDraft } from '../model/build';
import type { Graph, LayerNode } from '../model/graph';
import { setParams } from '../model/graph-ops';
import { proposeOutput as proposeOutputFor, type OutputProposal } from '../model/template-fit';
import type { AppStore } from './index';
import type { BindingProblem } from './data-slice';

/** The output layer the dataset's task needs (the rule lives with template sizing in src/model). */
export function proposeOutput(dataset: Pick<PreparedDataset, 'task' | 'classNames'>): OutputProposal {
  return proposeOutputFor(dataset.task, dataset.classNames?.length ?? 0);
}

const sameShape = (a: unknown, b: readonly number[]) =>
  Array.isArray(a) && a.length === b.length && a.every((d, i) => d === b[i]);

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
  if (input && !sameShape(input.params.shape, dataset.inputShape)) {
    problems.push({
      nodeId: input.id,
      message: `The data gives samples of shape [${dataset.inputShape.join(', ')}]; this Input expects [${String(input.params.shape)}].`,
    });
  }
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
  const input = singleInput(s.graph);
  let notice: string | null = null;
  if (input && !sameShape(input.params.shape, dataset.inputShape)) {
    const before = String(input.params.shape);
    s.setGraph(setParams(s.graph, input.id, { shape: [...dataset.inputShape] }));
    notice = `Input "${input.name}" shape set from [${before}] to [${dataset.inputShape.join(', ')}] to match the data.`;
  }
  s.patchDataPage({ bindingNotice: notice });
  refreshBinding(store);
}

export function refreshBinding(store: AppStore): void {
  const s = store.getState();
  s.setBindingProblems(s.dataset ? bindingProblemsFor(s.graph, s.dataset) : []);
}

/** True when the model has one Input and its shape is not the data's. */
export function inputMismatch(graph: Graph, dataset: PreparedDataset): boolean {
  const input = singleInput(graph);
  return input !== null && !sameShape(input.params.shape, dataset.inputShape);
}

/** One click: the Input takes the data's sample shape (one undo step). */
export function matchInputToData(store: AppStore): boolean {
  const s = store.getState();
  const input = singleInput(s.graph);
  if (!s.dataset || !input || !inputMismatch(s.graph, s.dataset)) return false;
  s.setGraph(setParams(s.graph, input.id, { shape: [...s.dataset.inputShape] }));
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

/** A small model that fits the dataset: an MLP for tables, an MNIST-style CNN for images. */
export function starterDrafts(dataset: PreparedDataset): LayerDraft[] {
  const out = proposeOutput(dataset);
  const head: LayerDraft = { type: 'Dense', params: { units: out.units, activation: out.activation } };
  const input: LayerDraft = { type: 'Input', params: { shape: [...dataset.inputShape] } };
  if (dataset.kind === 'image') {
    return [
      input,
      { type: 'Conv2D', params: { filters: 32, kernel_size: [3, 3], activation: 'relu' } },
      { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
      { type: 'Flatten' },
      { type: 'Dense', params: { units: 128, activation: 'relu' } },
      head,
    ];
  }
  return [input, { type: 'Dense', params: { units: 64, activation: 'relu' } }, { type: 'Dense', params: { units: 32, activation: 'relu' } }, head];
}

/** "Made a 3-layer MLP: Input [4] → Dense 64 → Dense 32 → Dense 3" (layers with weights are counted). */
export function describeStarter(drafts: readonly LayerDraft[]): string {
  const step = (d: LayerDraft): string => {
    const p = d.params ?? {};
    if (d.type === 'Input') return `Input [${(p.shape as readonly number[]).join(', ')}]`;
    if (d.type === 'Dense') return `Dense ${String(p.units)}`;
    if (d.type === 'Conv2D') return `Conv2D ${String(p.filters)}`;
    return d.type;
  };
  const weighted = drafts.filter((d) => d.type === 'Dense' || d.type === 'Conv2D').length;
  const kind = drafts.some((d) => d.type === 'Conv2D') ? 'CNN' : 'MLP';
  return `Made a ${weighted}-layer ${kind}: ${drafts.map(step).join(' → ')}`;
}

/** Replaces the model with a starter that fits the data; returns what it made, or null without data. */
export function createStarterModel(store: AppStore): string | null {
  const s = store.getState();
  if (!s.dataset) return null;
  const drafts = starterDrafts(s.dataset);
  s.setGraph(buildGraph(drafts));
  s.requestFit();
  refreshBinding(store);
  return describeStarter(drafts);
}
