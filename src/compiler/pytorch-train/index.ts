/**
 * The "train on a bigger machine" files of the PyTorch export (issue 15): train.py, train_lib.py,
 * preprocess.py (the same one the Keras project has) and train_spec.json (the run's resolved
 * settings, metadata.json and the tfjs model.json's topology and weight manifest). They go beside
 * model.py from src/compiler/pytorch, whose build_model / load_weights / tfjs_weights train.py uses.
 * Pure: returns file contents.
 */
import type { ExportMetadata } from '../bundle/metadata-schema';
import { PREPROCESS_PY } from '../python/preprocess-py';
import { trainPlan, TrainScriptError, type TrainPlan } from './plan';
import { TRAIN_LIB_PY } from './train-lib-py';
import { TRAIN_PY_DATA } from './train-py';
import { TRAIN_PY_RUN } from './train-run-py';

export { defaultLoss, trainPlan, TrainScriptError, type TrainPlan } from './plan';

export const TRAIN_SPEC_FORMAT = 'layerloom-train-spec';

/** The parts of an exported tfjs model.json that train.py copies into its own. */
export interface TfjsModelJson {
  readonly modelTopology: unknown;
  readonly weightsManifest: readonly { readonly paths: readonly string[]; readonly weights: readonly WeightSpec[] }[];
  readonly [key: string]: unknown;
}

interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype?: string;
}

export interface TrainFiles {
  /** File name → text, for the pytorch/ folder. */
  readonly files: Record<'train.py' | 'train_lib.py' | 'preprocess.py' | 'train_spec.json', string>;
  readonly plan: TrainPlan;
  /** What train.py does not reproduce, one sentence each. */
  readonly warnings: string[];
}

/** Regularizer keys set on any layer of a Keras topology: train.py trains without these penalties. */
function regularizedLayers(topology: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown, layer: string | null) => {
    if (Array.isArray(v)) return v.forEach((item) => walk(item, layer));
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const config = o.config as Record<string, unknown> | undefined;
    const name = typeof config?.name === 'string' && typeof o.class_name === 'string' ? config.name : layer;
    for (const [k, value] of Object.entries(o)) {
      if (/_regularizer$/.test(k) && value != null && name) found.add(name);
      walk(value, name);
    }
  };
  walk(topology, null);
  return [...found];
}

/** The Input layers of a Keras functional topology (its config's input_layers), by name. */
function inputLayerNames(topology: unknown): string[] {
  const config = (topology as { config?: { input_layers?: unknown } } | null)?.config;
  const list = Array.isArray(config?.input_layers) ? (config.input_layers as unknown[]) : [];
  return list.map((entry) => String(Array.isArray(entry) ? entry[0] : entry));
}

/** Throws TrainScriptError when train.py cannot train this model (not a table dataset, unknown optimizer or loss). */
export function buildTrainFiles(metadata: ExportMetadata, modelJson: TfjsModelJson): TrainFiles {
  const inputs = inputLayerNames(modelJson.modelTopology);
  if (inputs.length > 1) {
    // train.py reads a table into one tensor per batch; a model of several Inputs needs its parts sliced.
    throw new TrainScriptError(
      `The model has ${inputs.length} Inputs (${inputs.join(', ')}) and train.py feeds one; train it in the app or with layerloom train`,
    );
  }
  const plan = trainPlan(metadata);
  const { weightsManifest, ...rest } = modelJson;
  const weights = weightsManifest.flatMap((group) =>
    group.weights.map((w) => ({ name: w.name, shape: [...w.shape], dtype: w.dtype ?? 'float32' })),
  );
  const bad = weights.find((w) => w.dtype !== 'float32' && w.dtype !== 'int32');
  if (bad)
    throw new TrainScriptError(
      `The weight '${bad.name}' is ${bad.dtype}; train.py writes float32 and int32 weights only`,
    );
  const warnings = regularizedLayers(modelJson.modelTopology).map(
    (layer) => `Layer '${layer}' has a weight regularizer: train.py trains without its penalty.`,
  );
  const spec = { format: TRAIN_SPEC_FORMAT, version: 1, plan, metadata, modelJson: rest, weightsManifest: weights };
  return {
    files: {
      'train.py': TRAIN_PY_DATA + TRAIN_PY_RUN,
      'train_lib.py': TRAIN_LIB_PY,
      'preprocess.py': PREPROCESS_PY,
      'train_spec.json': `${JSON.stringify(spec, null, 2)}\n`,
    },
    plan,
    warnings,
  };
}
