import { flatGraphOf } from '../../model/blocks';
import type { Graph } from '../../model/graph';
import type { LayerWeights } from '../../model/weights';
import { PREPROCESS_PY } from '../python/preprocess-py';
import { textProjectFiles } from '../python/text-files';
import { modelPy } from './model-py';
import { PytorchExportError, planPytorch, PYTORCH_LAYER_TYPES } from './plan';
import { predictPy } from './predict-py';
import { readmeMd } from './readme';
import { weightsNpz } from './weights-npz';

export { PytorchExportError, PYTORCH_LAYER_TYPES };

export interface PytorchExportOptions {
  /** Written into model.py as MODEL_NAME. */
  readonly modelName: string;
  /**
   * Written as metadata.json when given, as for the Keras project: predict.py prepares its example
   * with `metadata.transform` and names classes with `metadata.classNames`.
   */
  readonly metadata?: unknown;
}

/**
 * Graph + trained weights → the files of a PyTorch project (for a `pytorch/` folder):
 * model.py, weights.npz, predict.py, preprocess.py, README.md, and metadata.json when given
 * (+ tokenizer.py for a text model).
 * Pure: it returns contents; the caller writes them. Throws PytorchExportError naming every
 * layer it cannot export, or a weight that does not fit its layer.
 */
export function buildPytorchFiles(
  graph: Graph,
  weights: LayerWeights,
  options: PytorchExportOptions,
): Record<string, Uint8Array | string> {
  const plan = planPytorch(flatGraphOf(graph));
  const files: Record<string, Uint8Array | string> = {
    'model.py': modelPy(plan, options.modelName),
    'weights.npz': weightsNpz(plan, weights),
    'predict.py': predictPy(),
    'preprocess.py': PREPROCESS_PY,
    'README.md': readmeMd(plan, options.modelName, options.metadata !== undefined && options.metadata !== null),
  };
  if (options.metadata !== undefined && options.metadata !== null) {
    let json: string;
    try {
      json = `${JSON.stringify(options.metadata, null, 2)}\n`;
    } catch (err) {
      throw new PytorchExportError(
        `The dataset metadata cannot be written as metadata.json (${(err as Error).message})`,
      );
    }
    files['metadata.json'] = json;
  }
  // tokenizer.py for a text model: the same file as in keras/.
  return { ...files, ...textProjectFiles(options.metadata) };
}
