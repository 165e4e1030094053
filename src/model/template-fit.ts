/**
 * A template sized to a dataset: the Input takes the data's sample shape, embeddings take its
 * vocabulary and sequence length, and the output layer its classes. Used by
 * `layerloom train --template` and by the app when a template is opened with data loaded.
 * src/model may not import src/data, so the data is described by the plain facts below.
 */
import { analyzeGraph } from './analyze';
import type { Graph, LayerNode, Params } from './graph';
import { setParams } from './graph-ops';
import { fitTemplateInputs, TemplateFitError, type InputFacts } from './template-fit-inputs';
import { templateGraph, templates, type TemplateData } from './templates';

export interface DataFacts {
  readonly kind: 'tabular' | 'image' | 'text';
  readonly task: 'binary' | 'multiclass' | 'regression' | 'next-token';
  /** One sample's shape without the batch: `[4]`, `[28, 28, 1]`, `[sequence length]` for text. */
  readonly inputShape: readonly number[];
  /** Number of classes (the vocabulary size for next-token); 0 for regression. */
  readonly classes: number;
  /** Token ids are below this (text only). */
  readonly vocabSize?: number;
  /** Set when the data feeds several Inputs (PreparedDataset.inputs): each part, in row order. */
  readonly inputs?: readonly InputFacts[];
}

export interface OutputProposal {
  readonly units: number;
  readonly activation: 'softmax' | 'sigmoid' | 'linear';
}

/** k classes → k softmax; binary → 1 sigmoid; regression → 1 linear; next-token → vocabulary softmax. */
export function proposeOutput(task: DataFacts['task'], classes: number): OutputProposal {
  if (task === 'regression') return { units: 1, activation: 'linear' };
  if (task === 'binary') return { units: 1, activation: 'sigmoid' };
  return { units: Math.max(classes, 2), activation: 'softmax' };
}

export { TemplateFitError, type InputFacts } from './template-fit-inputs';

/** Which kind of template data these facts are. */
export function dataKindOf(facts: DataFacts): TemplateData {
  if (facts.inputs) return 'mixed';
  if (facts.kind === 'text') return facts.task === 'next-token' ? 'text-lm' : 'text';
  return facts.kind === 'image' ? 'image' : 'table';
}

const DATA_WORDS: Record<TemplateData, string> = {
  table: 'a table (CSV)',
  image: 'images',
  text: 'text for classification (a CSV with a text column, or .txt files in class folders)',
  'text-lm': 'one text to continue (a .txt file) for language modelling',
  mixed: 'a table whose text or id columns feed Inputs of their own',
  none: 'nothing the trainer can feed yet',
};

/** The nodes that feed no other node: the model's outputs. */
function outputNodes(graph: Graph): LayerNode[] {
  const feeding = new Set(graph.edges.map((e) => e.source));
  return graph.nodes.filter((n) => !feeding.has(n.id) && n.type !== 'Input');
}

/** The params each embedding-like layer takes from the data. */
export function textParams(node: LayerNode, facts: DataFacts): Params | null {
  const vocab = facts.vocabSize ?? facts.classes;
  const length = facts.inputShape[0]!;
  if (node.type === 'Embedding') return { input_dim: vocab };
  if (node.type === 'TokenAndPositionEmbedding') return { vocabulary_size: vocab, sequence_length: length };
  if (node.type === 'PositionEmbedding') return { sequence_length: length };
  return null;
}

/** The named template with its sizes taken from the data; throws TemplateFitError saying what does not fit. */
export function fitTemplate(id: string, facts: DataFacts): Graph {
  const template = templates.find((t) => t.id === id);
  if (!template) {
    throw new TemplateFitError(
      `There is no template '${id}'; the templates are ${templates.map((t) => t.id).join(', ')}.`,
    );
  }
  const kind = dataKindOf(facts);
  if (!template.data.includes(kind)) {
    const fitting = templates.filter((t) => t.data.includes(kind)).map((t) => t.id);
    throw new TemplateFitError(
      `The template '${id}' is for ${template.data.map((d) => DATA_WORDS[d]).join(' or ')}, but this data is ${DATA_WORDS[kind]}; ` +
        (fitting.length > 0 ? `templates for it: ${fitting.join(', ')}.` : 'no template fits it yet.'),
    );
  }
  if (facts.inputs) return finish(id, fitTemplateInputs(templateGraph(id), id, facts.inputs), facts);
  let graph = templateGraph(id);
  const inputs = graph.nodes.filter((n) => n.type === 'Input');
  if (inputs.length !== 1) {
    throw new TemplateFitError(
      `The template '${id}' has ${inputs.length} Inputs but this data feeds one; mark its text or id columns (Data page column role, or --text-columns / --id-columns) so that it has a part for each.`,
    );
  }
  if (template.weights && JSON.stringify(inputs[0]!.params.shape) !== JSON.stringify(facts.inputShape)) {
    throw new TemplateFitError(
      `The template '${id}' comes with pretrained weights for samples of shape [${String(inputs[0]!.params.shape)}], but this data has [${facts.inputShape.join(', ')}]; resize the images to that size (--image-size, --channels) or choose another template.`,
    );
  }
  graph = setParams(graph, inputs[0]!.id, {
    shape: [...facts.inputShape],
    ...(facts.kind === 'text' ? { dtype: 'int32' } : {}),
  });
  // A table read as a sequence: the Reshape after the Input makes it steps × 1.
  for (const e of graph.edges.filter((x) => x.source === inputs[0]!.id)) {
    const next = graph.nodes.find((n) => n.id === e.target);
    if (next?.type === 'Reshape' && facts.kind === 'tabular') {
      graph = setParams(graph, next.id, { target_shape: [facts.inputShape.reduce((a, b) => a * b, 1), 1] });
    }
  }
  if (facts.kind === 'text') {
    for (const node of graph.nodes) {
      const patch = textParams(node, facts);
      if (patch) graph = setParams(graph, node.id, patch);
    }
  }
  return finish(id, graph, facts);
}

/** The output sized to the task, then the whole graph checked. */
function finish(id: string, fitted: Graph, facts: DataFacts): Graph {
  let graph = fitted;
  const outputs = outputNodes(graph);
  const out = outputs.length === 1 ? outputs[0]! : null;
  if (out?.type === 'Dense') {
    const want = proposeOutput(facts.task, facts.classes);
    graph = setParams(graph, out.id, { units: want.units, activation: want.activation });
  }
  const errors = analyzeGraph(graph).errors;
  if (errors.length > 0) {
    throw new TemplateFitError(
      `The template '${id}' does not fit data of shape [${facts.inputShape.join(', ')}]: ${errors.map((e) => e.message).join('; ')}.`,
    );
  }
  return graph;
}
