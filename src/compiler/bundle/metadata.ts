/**
 * Making an export's `metadata.json` (schema in metadata-schema.ts; reading in metadata-read.ts). Everything that is
 * written goes through the same schema as everything that is read, so an export never holds a file
 * that its own page, or a later Layerloom, would refuse.
 */
import { analyzeGraph } from '../../model/analyze';
import type { Graph } from '../../model/graph';
import { type DatasetInputPart, mixedInputSpecs } from './metadata-inputs';
import { firstIssue, MetadataError } from './metadata-read';
import {
  imagePreprocessingSchema,
  METADATA_FORMAT,
  METADATA_VERSION,
  metadataSchema,
  tabularPreprocessingSchema,
  textPreprocessingSchema,
  type ExportMetadata,
  type InputSpec,
  type OutputMeaning,
  type OutputSpec,
} from './metadata-schema';

export * from './metadata-schema';
export { MetadataError, pathText, readMetadata } from './metadata-read';

/**
 * What the metadata is made from. src/data's `PreparedDataset` satisfies it; it is restated here
 * because src/compiler may not import src/data. `transform` is checked, not trusted.
 */
export interface DatasetForExport {
  readonly name: string;
  readonly kind: 'tabular' | 'image' | 'text';
  readonly task: 'binary' | 'multiclass' | 'regression' | 'next-token';
  readonly inputShape: readonly number[];
  readonly classNames: readonly string[] | null;
  readonly transform: unknown;
  /** The parts of each row when the dataset feeds several Inputs (PreparedDataset.inputs). */
  readonly inputs?: readonly DatasetInputPart[];
}

/** The model's inputs and outputs, one sample each (no batch dimension). */
export interface ModelSignature {
  readonly inputs: readonly Omit<InputSpec, 'featureNames'>[];
  readonly outputs: readonly Omit<OutputSpec, 'meaning'>[];
}

const GENERATED_BY = 'Layerloom';

/** Inputs and outputs of a graph that passes analysis; throws a MetadataError naming the first problem. */
export function modelSignature(graph: Graph): ModelSignature {
  const analysis = analyzeGraph(graph);
  if (analysis.errors.length > 0) {
    throw new MetadataError(`The model cannot be exported: ${analysis.errors.map((e) => e.message).join('; ')}`);
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const sample = (id: string) => [...(analysis.shapes.get(id) ?? [])].slice(1);
  return {
    inputs: analysis.inputs.map((id) => {
      const node = byId.get(id)!;
      return { name: node.name, shape: sample(id), dtype: node.params.dtype === 'int32' ? 'int32' : 'float32' };
    }),
    outputs: analysis.outputs.map((id) => ({ name: byId.get(id)!.name, shape: sample(id) })),
  };
}

function outputMeaning(
  task: DatasetForExport['task'] | null,
  classes: number,
  shape: OutputSpec['shape'],
): OutputMeaning {
  const units = shape.length === 1 ? shape[0] : undefined;
  // A language model: the next token's probabilities at every position, one per vocabulary token.
  if (task === 'next-token') return shape.length === 2 && shape[1] === classes ? 'next-token-probabilities' : 'raw';
  if (task === 'regression') return 'value';
  if (task === 'binary' && units === 1) return 'binary-probability';
  if (task !== null && units === classes) return 'class-probabilities';
  return 'raw';
}

function sameShape(a: readonly (number | null)[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === null || d === b[i]);
}

const fmt = (shape: readonly (number | null)[]) => `[${shape.map((d) => d ?? '?').join(', ')}]`;

function preprocessingOf(dataset: DatasetForExport): ExportMetadata['preprocessing'] {
  const t = dataset.transform as { kind?: unknown } | null | undefined;
  if (t == null) return null;
  const what = `The preprocessing of dataset '${dataset.name}'`;
  if (t.kind === 'tabular') {
    const parsed = tabularPreprocessingSchema.safeParse(t);
    if (!parsed.success) throw firstIssue(parsed.error, what, ['preprocessing']);
    return parsed.data;
  }
  if (t.kind === 'image') {
    const channels = (t as { channels?: unknown }).channels;
    const described = { ...t, grayscale: channels === 1 ? 'bt601-luma' : null, alpha: 'composite-on-black' };
    const parsed = imagePreprocessingSchema.safeParse(described);
    if (!parsed.success) throw firstIssue(parsed.error, what, ['preprocessing']);
    return parsed.data;
  }
  if (t.kind === 'text') {
    const parsed = textPreprocessingSchema.safeParse(t);
    if (!parsed.success) throw firstIssue(parsed.error, what, ['preprocessing']);
    return parsed.data;
  }
  throw new MetadataError(
    `${what} is of an unknown kind (${String(t.kind)}); expected tabular, image or text`,
    'preprocessing.kind',
  );
}

/** Checks the finished object against the schema it will be read with. */
function finish(candidate: ExportMetadata): ExportMetadata {
  const parsed = metadataSchema.safeParse(candidate);
  if (!parsed.success) throw firstIssue(parsed.error, 'The export metadata');
  return parsed.data;
}

/**
 * The metadata of a model trained on `dataset`. With `signature` (from `modelSignature(graph)`),
 * the model must take the dataset's samples; without it, the dataset's shapes are used.
 */
export function metadataFromDataset(
  dataset: DatasetForExport,
  modelName: string,
  signature?: ModelSignature,
): ExportMetadata {
  const preprocessing = preprocessingOf(dataset);
  const featureNames = preprocessing?.kind === 'tabular' ? [...preprocessing.featureNames] : null;
  // A language model's classes are its vocabulary, written once: in preprocessing.tokenizer.vocab.
  const languageModel = dataset.task === 'next-token';
  const classNames = languageModel || !dataset.classNames ? null : [...dataset.classNames];
  const classes =
    languageModel && preprocessing?.kind === 'text'
      ? preprocessing.tokenizer.vocab.length
      : (dataset.classNames?.length ?? 0);
  const sig: ModelSignature = signature ?? {
    inputs: [{ name: 'input', shape: [...dataset.inputShape], dtype: 'float32' }],
    outputs: [
      {
        name: 'output',
        shape: languageModel ? [dataset.inputShape[0] ?? 1, classes] : [dataset.task === 'multiclass' ? classes : 1],
      },
    ],
  };
  const parts = dataset.inputs && dataset.inputs.length > 0 ? dataset.inputs : null;
  const [input, ...moreInputs] = sig.inputs;
  if (parts && sig.outputs.length === 1) {
    const inputs = mixedInputSpecs(dataset.name, sig.inputs, parts, featureNames);
    return finishWithOutput(dataset, modelName, inputs, sig.outputs[0]!, classes, classNames, preprocessing);
  }
  if (!input || moreInputs.length > 0 || sig.outputs.length !== 1) {
    throw new MetadataError(
      `The model has ${sig.inputs.length} inputs and ${sig.outputs.length} outputs; a model trained on a dataset has exactly one of each`,
      'inputs',
    );
  }
  if (!sameShape(input.shape, dataset.inputShape)) {
    throw new MetadataError(
      `The model's input '${input.name}' takes samples of shape ${fmt(input.shape)} but dataset '${dataset.name}' has ${fmt(dataset.inputShape)}; set the Input layer's shape to ${fmt(dataset.inputShape)}`,
      'inputs[0].shape',
    );
  }
  return finishWithOutput(
    dataset,
    modelName,
    [{ ...input, shape: [...input.shape], featureNames }],
    sig.outputs[0]!,
    classes,
    classNames,
    preprocessing,
  );
}

function finishWithOutput(
  dataset: DatasetForExport,
  modelName: string,
  inputs: ExportMetadata['inputs'],
  output: ModelSignature['outputs'][number],
  classes: number,
  classNames: string[] | null,
  preprocessing: ExportMetadata['preprocessing'],
): ExportMetadata {
  const languageModel = dataset.task === 'next-token';
  const meaning = outputMeaning(dataset.task, classes, output.shape);
  if (meaning === 'raw') {
    throw new MetadataError(
      languageModel
        ? `The model's output '${output.name}' has shape ${fmt(output.shape)}; a next-token model gives [sequence length, ${classes}] (one probability per vocabulary token at each position): end it in a Dense layer of ${classes} units with softmax`
        : `The model's output '${output.name}' has shape ${fmt(output.shape)}, which does not fit the ${dataset.task} task with ${classes} classes`,
      'outputs[0].shape',
    );
  }
  return finish({
    format: METADATA_FORMAT,
    version: METADATA_VERSION,
    modelName,
    generatedBy: GENERATED_BY,
    task: dataset.task,
    classNames,
    dataset: { name: dataset.name, kind: dataset.kind },
    inputs,
    outputs: [{ ...output, shape: [...output.shape], meaning }],
    preprocessing,
  });
}

/** The metadata of a model with no dataset bound: shapes only, outputs as raw numbers. */
export function metadataFromSignature(signature: ModelSignature, modelName: string): ExportMetadata {
  return finish({
    format: METADATA_FORMAT,
    version: METADATA_VERSION,
    modelName,
    generatedBy: GENERATED_BY,
    task: null,
    classNames: null,
    dataset: null,
    inputs: signature.inputs.map((i) => ({ ...i, shape: [...i.shape], featureNames: null })),
    outputs: signature.outputs.map((o) => ({ ...o, shape: [...o.shape], meaning: 'raw' as const })),
    preprocessing: null,
  });
}
