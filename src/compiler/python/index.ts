import { flatGraphOf } from '../../model/blocks';
import type { Graph } from '../../model/graph';
import type { LayerWeights } from '../../model/weights';
import { readmeMd, requirementsTxt } from './docs';
import type { LayerCodeContext } from './layer-code';
import { loadWeightsPy } from './load-weights-py';
import { modelPy } from './model-py';
import { PREDICT_PY } from './predict-py';
import { PREPROCESS_PY } from './preprocess-py';
import { KerasProjectError, planProject } from './project-plan';
import { textProjectFiles } from './text-files';
import { manifestEntries, manifestJson, packProjectWeights } from './weights-file';

export { KerasProjectError };

/**
 * Graph (+ trained weights) → a small Python project that rebuilds the model in Keras 3 and
 * loads the weights with numpy. Pure: it returns file contents; the caller writes them (a
 * ZIP in the browser, a folder in the CLI).
 */

export interface KerasProjectOptions {
  /** Keras model name (Keras 3 refuses '/', which becomes '_'). */
  readonly modelName: string;
  /** The trained weights; null writes the project without weights.bin. */
  readonly weights: LayerWeights | null;
  /**
   * Written as metadata.json when given. predict.py prepares its example with
   * `metadata.transform` (a TabularTransform, ImageTransform or TextTransform from src/data; a text one adds tokenizer.py) and names
   * classes with `metadata.classNames` (else the transform's label class names).
   */
  readonly metadata?: unknown;
}

export interface KerasProject {
  /** File name → text: model.py, load_weights.py, predict.py, preprocess.py, weights_manifest.json, requirements.txt, README.md (+ metadata.json, + tokenizer.py for text). */
  readonly files: Record<string, string>;
  /** weights.bin, laid out as weights_manifest.json says; null without weights. */
  readonly weightsBin: ArrayBuffer | null;
  /** What the project cannot reproduce exactly, one sentence each (also listed in README.md). */
  readonly warnings: string[];
}

function imageTransform(metadata: unknown): boolean {
  const m = metadata as { transform?: { kind?: unknown }; kind?: unknown } | null | undefined;
  return m?.transform?.kind === 'image' || m?.kind === 'image';
}

function metadataJson(metadata: unknown): string {
  try {
    return `${JSON.stringify(metadata, null, 2)}\n`;
  } catch (err) {
    throw new KerasProjectError(
      `The dataset metadata cannot be written as metadata.json (${(err as Error).message}); pass plain JSON data`,
    );
  }
}

/**
 * Throws KerasProjectError (with a message naming the layers) when the graph has problems
 * that stop it from being built, or when the weights do not fit it.
 */
export function generateKerasProject(edited: Graph, options: KerasProjectOptions): KerasProject {
  const plan = planProject(flatGraphOf(edited), options.modelName);
  const ctx: LayerCodeContext = { warnings: plan.warnings, usesTfjsHardSigmoid: false, usesUnsupportedLayer: false };
  const model = modelPy(plan, ctx);
  const weightsBin = options.weights ? packProjectWeights(plan, options.weights) : null;
  const warnings = [...new Set(ctx.warnings)];
  const hasMetadata = options.metadata !== undefined && options.metadata !== null;
  const files: Record<string, string> = {
    'model.py': model,
    'load_weights.py': loadWeightsPy(plan),
    'predict.py': PREDICT_PY,
    'preprocess.py': PREPROCESS_PY,
    'weights_manifest.json': manifestJson(manifestEntries(plan)),
    'requirements.txt': requirementsTxt(imageTransform(options.metadata)),
    'README.md': readmeMd(plan, {
      hasWeights: weightsBin !== null,
      hasMetadata,
      warnings,
      usesTfjsHardSigmoid: ctx.usesTfjsHardSigmoid,
    }),
  };
  if (hasMetadata) files['metadata.json'] = metadataJson(options.metadata);
  Object.assign(files, textProjectFiles(options.metadata));
  return { files, weightsBin, warnings };
}
