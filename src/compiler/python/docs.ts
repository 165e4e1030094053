import { formatShape } from '../../model/graph';
import type { ProjectPlan } from './project-plan';

/** README.md and requirements.txt of the exported project. */

/** User text as inert Markdown: one line, with every character Markdown gives a meaning escaped. */
export function markdownText(text: string): string {
  return text.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').replace(/[\\`*_{}[\]()<>#+\-.!|~&]/g, (c) => `\\${c}`);
}

export function requirementsTxt(needsPillow: boolean): string {
  return [
    '# Keras 3 runs on a backend: TensorFlow below (the default). For JAX instead, replace the',
    '# tensorflow line with jax[cpu] and set KERAS_BACKEND=jax before running the scripts.',
    'keras>=3',
    'tensorflow>=2.16',
    'numpy',
    ...(needsPillow ? ['# predict.py --image reads images with Pillow.', 'Pillow'] : []),
    '',
  ].join('\n');
}

export interface ReadmeOptions {
  readonly hasWeights: boolean;
  readonly hasMetadata: boolean;
  readonly warnings: readonly string[];
  /** model.py registers the custom `tfjs_hard_sigmoid` (GRU/LSTM), which loading a saved .keras file needs. */
  readonly usesTfjsHardSigmoid?: boolean;
}

export function readmeMd(plan: ProjectPlan, o: ReadmeOptions): string {
  const io = (label: string, list: ProjectPlan['inputs']) =>
    list.map(
      (p, i) => `- ${label} ${i + 1}: ${markdownText(p.kerasName)}, shape ${markdownText(formatShape(p.outputShape))}`,
    );
  const files = [
    '- `model.py`: `build_model()` rebuilds the architecture with the Keras 3 functional API.',
    '- `load_weights.py`: `read_weights()` reads the weights with numpy alone; `load_weights(model)` sets them on the Keras model, layer by layer.',
    '- `weights_manifest.json`: names, shapes and byte layout of the values in `weights.bin` (the TensorFlow.js `weightsManifest` format).',
    o.hasWeights
      ? '- `weights.bin`: the trained weights, float32, little-endian.'
      : "- `weights.bin` is not included: export the trained weights from Layerloom and put `weights.bin` here (the TensorFlow.js export's `model.json` also works as the manifest).",
    '- `predict.py`: loads the model and weights and predicts on one example (text models: `--text`; language models: `--generate PROMPT`, with `tokenizer.py`).',
    '- `preprocess.py`: prepares a raw record or image the way training did, from `metadata.json`.',
    ...(o.hasMetadata
      ? ['- `metadata.json`: the dataset transform (scaling, one-hot encoding, image size) and class names.']
      : []),
  ];
  const checks =
    o.warnings.length === 0 ? [] : ['', '## Check before use', '', ...o.warnings.map((w) => `- ${markdownText(w)}`)];
  return [
    `# ${markdownText(plan.modelName)}: Keras project`,
    '',
    'Written by Layerloom. The model is rebuilt layer by layer with the same names and settings, and the weights are loaded by layer name, so predictions match the app.',
    '',
    '## Files',
    '',
    ...files,
    '',
    '## Inputs and outputs',
    '',
    ...io('Input', plan.inputs),
    ...io('Output', plan.outputs),
    '',
    '## Run it',
    '',
    'With Python 3.9 or newer:',
    '',
    '```sh',
    'python3 -m venv .venv && . .venv/bin/activate',
    'pip install -r requirements.txt',
    'python predict.py            # predicts on one example; see python predict.py --help',
    'python model.py              # prints the model summary',
    'python load_weights.py       # lists the weights (needs only numpy)',
    '```',
    '',
    'Keras uses TensorFlow unless `KERAS_BACKEND` says otherwise (`KERAS_BACKEND=jax python predict.py`).',
    '',
    '## Use it in your code',
    '',
    '```python',
    'from model import build_model',
    'from load_weights import load_weights',
    '',
    '# weights_manifest.json and weights.bin next to load_weights.py, from any working directory.',
    'model = load_weights(build_model())',
    '# Or from the TensorFlow.js export: every weight file its model.json names (weights.bin or group1-shardNofM.bin).',
    '# model = load_weights(build_model(), "../tfjs/model.json")',
    'model.save("model.keras")  # the native Keras format',
    ...(o.usesTfjsHardSigmoid
      ? [
          '# To load model.keras in another script, import model.py first: it registers tfjs_hard_sigmoid, the',
          '# recurrent activation of the GRU/LSTM layers, without which keras.saving.load_model fails:',
          '#   import keras, model',
          '#   keras.saving.load_model("model.keras")',
        ]
      : ['# Load it later with keras.saving.load_model("model.keras").']),
    '```',
    '',
    '## How this project was checked',
    '',
    'Keras itself cannot be installed where Layerloom is tested (no access to PyPI). What is checked there:',
    '`load_weights.py` and `predict.py` run for real; a forward pass written in NumPy over these weights, in the',
    "layer order `model.py` builds, matches TensorFlow.js's prediction to about 1e-7; `model.py` runs against a",
    'stand-in for the `keras` module, not Keras. The ONNX and PyTorch exports beside this folder are run by',
    'onnxruntime and PyTorch themselves.',
    ...checks,
    '',
  ].join('\n');
}
