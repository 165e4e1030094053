/**
 * The parts of a full export, built the same way for the app's ZIP (src/worker/export-model.ts) and
 * the CLI's folder (src/cli/bundle.ts): tfjs files with metadata.json, the standalone page and the
 * Keras project. "The CLI writes what the app writes" holds because both call this.
 */
import { flatGraphOf } from '../../model/blocks';
import { generateKerasProject } from '../python';
import type { ExportMetadata } from './metadata-schema';
import { buildTfjsFiles, exportMetadata, type TfjsBundleInput } from './tfjs-bundle';
import type { ExportZipParts, StandaloneSources } from './zip';

export interface ExportParts {
  readonly parts: ExportZipParts;
  readonly metadata: ExportMetadata;
  /** What the Keras project cannot reproduce exactly, one sentence each. */
  readonly warnings: readonly string[];
}

/**
 * keras/metadata.json (and pytorch/metadata.json): what predict.py and preprocess.py read: the dataset's transform, the class
 * names, and how the training CSV was read (delimiter, encoding, header) so `predict.py --csv`
 * reads files like it the same way.
 */
export function projectMetadata(input: TfjsBundleInput): unknown {
  if (!input.dataset) return undefined;
  return {
    transform: input.dataset.transform,
    classNames: input.dataset.classNames,
    csv: input.data?.csv ?? null,
    // The parts of each row, in row order, when the dataset feeds several Inputs: predict.py cuts the row so.
    inputs: input.dataset.inputs ?? null,
  };
}

export function buildExportParts(edited: TfjsBundleInput, web: StandaloneSources, tfMinJs: Uint8Array): ExportParts {
  // Every format sees ordinary layers: blocks are flattened once, here.
  const input = { ...edited, graph: flatGraphOf(edited.graph) };
  const tfjs = buildTfjsFiles(input);
  const metadata = exportMetadata(input);
  const keras = generateKerasProject(input.graph, {
    modelName: input.name,
    weights: input.weights,
    metadata: projectMetadata(input),
  });
  const kerasFiles: Record<string, Uint8Array | string> = { ...keras.files };
  if (keras.weightsBin) kerasFiles['weights.bin'] = new Uint8Array(keras.weightsBin);
  return { parts: { tfjs, web, tfMinJs, keras: kerasFiles }, metadata, warnings: keras.warnings };
}
