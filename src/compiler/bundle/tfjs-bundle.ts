/**
 * The TensorFlow.js part of an export: `model.json` (Keras topology + a weightsManifest pointing at
 * `weights.bin`), `weights.bin`, and `metadata.json`. Stock `tf.loadLayersModel` reads the first two
 * as they are; nothing Layerloom-specific is needed to run the model.
 */
import type { Graph } from '../../model/graph';
import { exportLayersModel } from '../../model/keras-export';
import type { LayerWeights } from '../../model/weights';
import {
  metadataFromDataset,
  metadataFromSignature,
  modelSignature,
  type DatasetForExport,
  type ExportMetadata,
} from './metadata';
import type { ExportRun } from './metadata-schema';

export const TFJS_FILE_NAMES = ['model.json', 'weights.bin', 'metadata.json'] as const;
export type TfjsFileName = (typeof TFJS_FILE_NAMES)[number];
export type TfjsFiles = Record<TfjsFileName, Uint8Array>;

export interface TfjsBundleInput {
  /** The model's name, as shown to people; written into model.json and metadata.json. */
  readonly name: string;
  readonly graph: Graph;
  readonly weights: LayerWeights;
  /** The dataset the model was trained on: adds class names and preprocessing to metadata.json. */
  readonly dataset?: DatasetForExport | null;
  /** The run the weights come from: named in metadata.json. */
  readonly run?: ExportRun | null;
}

const encoder = new TextEncoder();

export function jsonBytes(value: unknown): Uint8Array {
  return encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
}

/** The metadata that `buildTfjsFiles` writes, for callers that need it as an object too. */
export function exportMetadata(input: Omit<TfjsBundleInput, 'weights'>): ExportMetadata {
  const signature = modelSignature(input.graph);
  const metadata = input.dataset
    ? metadataFromDataset(input.dataset, input.name, signature)
    : metadataFromSignature(signature, input.name);
  return input.run ? { ...metadata, run: input.run } : metadata;
}

/**
 * Graph + weights (+ dataset) → the three files, as bytes. Throws `MetadataError` when the model
 * does not fit the dataset, and `ExportError` when a weight is missing or has the wrong size.
 */
export function buildTfjsFiles(input: TfjsBundleInput): TfjsFiles {
  const metadata = exportMetadata(input);
  const { modelJson, weightData } = exportLayersModel(input.graph, input.weights, {
    modelName: input.name,
    weightsPath: 'weights.bin',
  });
  return {
    'model.json': jsonBytes(modelJson),
    'weights.bin': new Uint8Array(weightData),
    'metadata.json': jsonBytes(metadata),
  };
}
