/**
 * The TensorFlow.js part of an export: `model.json` (Keras topology + a weightsManifest naming the
 * weight files), the weight files, and `metadata.json`. Weights up to 4 MB are one `weights.bin`;
 * more are tfjs's `group1-shardNofM.bin` files, so no single file grows past what a browser or Node
 * can read back. Stock `tf.loadLayersModel` reads model.json and its weight files as they are.
 */
import type { Graph } from '../../model/graph';
import { exportLayersModel, type WeightShard } from '../../model/keras-export';
import type { LayerWeights } from '../../model/weights';
import {
  metadataFromDataset,
  metadataFromSignature,
  modelSignature,
  type DatasetForExport,
  type ExportMetadata,
} from './metadata';
import { generatorMetadata, type GeneratorExport } from './generator';
import { firstIssue } from './metadata-read';
import { metadataSchema, type ExportDataSource, type ExportRun } from './metadata-schema';

export interface TfjsFiles {
  readonly 'model.json': Uint8Array;
  readonly 'metadata.json': Uint8Array;
  /** The weight files model.json's manifest names, in its order: `weights.bin`, or `group1-shardNofM.bin` files. */
  readonly weights: readonly WeightShard[];
}

/** The files by name, in the order they are written: model.json, the weight files, metadata.json. */
export function tfjsFileEntries(files: TfjsFiles): [string, Uint8Array][] {
  return [
    ['model.json', files['model.json']],
    ...files.weights.map((w): [string, Uint8Array] => [w.path, w.data]),
    ['metadata.json', files['metadata.json']],
  ];
}

export interface TfjsBundleInput {
  /** The model's name, as shown to people; written into model.json and metadata.json. */
  readonly name: string;
  readonly graph: Graph;
  readonly weights: LayerWeights;
  /** The dataset the model was trained on: adds class names and preprocessing to metadata.json. */
  readonly dataset?: DatasetForExport | null;
  /** The run the weights come from: named in metadata.json. */
  readonly run?: ExportRun | null;
  /** How the training file was read and split: metadata.json's `data`. */
  readonly data?: ExportDataSource | null;
  /** Set when the model is a GAN's generator: metadata.json gets its `gan` part (generator.ts). */
  readonly gan?: GeneratorExport | null;
  /** Largest weight file (default tfjs's 4 MB); tests make it small to get shards from a small model. */
  readonly shardBytes?: number;
}

const encoder = new TextEncoder();

export function jsonBytes(value: unknown): Uint8Array {
  return encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
}

/** The metadata that `buildTfjsFiles` writes, for callers that need it as an object too. */
export function exportMetadata(input: Omit<TfjsBundleInput, 'weights'>): ExportMetadata {
  const signature = modelSignature(input.graph);
  const metadata = input.gan
    ? generatorMetadata(signature, input.name, input.gan)
    : input.dataset
      ? metadataFromDataset(input.dataset, input.name, signature)
      : metadataFromSignature(signature, input.name);
  if (!input.run && !input.data) return metadata;
  // Checked like the rest: an export never holds a file its own readers would refuse.
  const parsed = metadataSchema.safeParse({
    ...metadata,
    ...(input.run ? { run: input.run } : {}),
    ...(input.data ? { data: input.data } : {}),
  });
  if (!parsed.success) throw firstIssue(parsed.error, 'The export metadata');
  return parsed.data;
}

/**
 * Graph + weights (+ dataset) → the files, as bytes. Throws `MetadataError` when the model
 * does not fit the dataset, and `ExportError` when a weight is missing or has the wrong size.
 */
export function buildTfjsFiles(input: TfjsBundleInput): TfjsFiles {
  const metadata = exportMetadata(input);
  const { modelJson, shards } = exportLayersModel(input.graph, input.weights, {
    modelName: input.name,
    weightsPath: 'weights.bin',
    shardBytes: input.shardBytes,
  });
  return { 'model.json': jsonBytes(modelJson), 'metadata.json': jsonBytes(metadata), weights: shards };
}
