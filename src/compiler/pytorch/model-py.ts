import { str } from '../../model/params';
import type { WeightSpec } from '../../model/spec';
import { isRegularizer } from '../../model/graph';
import { getSpec } from '../../model/registry';
import { pyCommentText, pyNumber, pyString, pyTuple, pyValue } from '../python/py-literal';
import type { PlannedNode, PytorchPlan } from './plan';
import { INTERFACE_PY, RUNTIME_PY } from './runtime-py';

/** model.py: the runtime, the classes of the families in use, the Model, the interface functions. */

/** Initializers a weight falls back to when its layer has no param for it. */
const DEFAULT_INIT: Readonly<Record<string, string>> = {
  bias: 'Zeros',
  beta: 'Zeros',
  moving_mean: 'Zeros',
  alpha: 'Zeros',
  gamma: 'Ones',
  moving_variance: 'Ones',
  embeddings: 'RandomUniform',
  recurrent_kernel: 'Orthogonal',
};

/** The param of a weight: `kernel` → kernel_<what>, `recurrent_kernel` → recurrent_<what>, `gamma` → gamma_<what>. */
function paramKey(weight: WeightSpec, what: 'initializer' | 'regularizer'): string {
  const base = weight.name.split('/').pop() ?? weight.name;
  return base === 'kernel' ? `kernel_${what}` : `${base.replace(/_kernel$/, '')}_${what}`;
}

function initializerOf(node: PlannedNode, weight: WeightSpec): string {
  const base = weight.name.split('/').pop() ?? weight.name;
  return str(node.node.params, paramKey(weight, 'initializer'), DEFAULT_INIT[base] ?? 'GlorotUniform');
}

/** REGULARIZERS entries: (layer name, weight name): (l1, l2) for every weight with a penalty. */
function regularizerEntries(layers: readonly PlannedNode[]): string[] {
  return layers.flatMap((n) =>
    n.weights.flatMap((w) => {
      const r = n.node.params[paramKey(w, 'regularizer')];
      if (!isRegularizer(r) || (r.l1 === 0 && r.l2 === 0)) return [];
      return [`(${pyString(n.node.name)}, ${pyString(w.name)}): (${pyNumber(r.l1, true)}, ${pyNumber(r.l2, true)}),`];
    }),
  );
}

function weightSpecs(node: PlannedNode): string {
  const items = node.weights.map(
    (w) =>
      `(${pyString(w.name)}, ${pyValue([...w.shape])}, ${pyString(w.trainable ? 'param' : 'buffer')}, ${pyString(initializerOf(node, w))})`,
  );
  return pyTuple(items);
}

function constructor(node: PlannedNode): string {
  const call = node.family?.call(node);
  if (!call) throw new Error(`${node.node.type} has no PyTorch family`);
  const args = [
    pyString(node.node.name),
    pyString(node.variable),
    weightSpecs(node),
    node.node.params.trainable === false ? 'False' : 'True',
    ...call.kwargs.map(([k, v]) => `${k}=${v}`),
  ];
  return `${call.cls}(${args.join(', ')})`;
}

function forwardBody(plan: PytorchPlan, layers: readonly PlannedNode[]): string[] {
  const index = new Map(layers.map((n, i) => [n, i]));
  const lines = [
    `if len(inputs) != ${plan.inputs.length}:`,
    `    raise TypeError(f"Model takes ${plan.inputs.length} input(s) ({', '.join(INPUT_NAMES)}), got {len(inputs)}")`,
    'layers = self.layers',
    'device = first_device(self)',
  ];
  plan.inputs.forEach((n, i) => {
    const integer = str(n.node.params, 'dtype', 'float32') === 'int32';
    lines.push(`${n.variable} = as_input(inputs[${i}], ${integer ? 'True' : 'False'}, device)`);
  });
  for (const n of layers) {
    // Merges take a list, as in compile.ts: any layer that may have several inputs.
    const many = (getSpec(n.node.type)?.inputs.max ?? 1) > 1;
    const args = many ? `[${n.inputs.join(', ')}]` : (n.inputs[0] ?? '');
    lines.push(`${n.variable} = layers[${index.get(n)}](${args})  # ${pyCommentText(`${n.node.type} ${n.node.name}`)}`);
  }
  const outs = plan.outputs.map((n) => n.variable);
  lines.push(`return ${outs.length === 1 ? outs[0] : `(${outs.join(', ')})`}`);
  return lines;
}

const shapeLiteral = (n: PlannedNode) => pyValue(n.outShape.map((d) => d));

export function modelPy(plan: PytorchPlan, modelName: string): string {
  const layers = plan.nodes.filter((n) => n.family !== null);
  const snippets: string[] = [];
  for (const n of layers) for (const s of n.family?.python ?? []) if (!snippets.includes(s)) snippets.push(s);
  const names = (list: readonly PlannedNode[]) => `[${list.map((n) => pyString(n.node.name)).join(', ')}]`;
  const indent = (lines: readonly string[], by: string) => lines.map((l) => (l ? by + l : l)).join('\n');
  return [
    `"""PyTorch rebuild of the Layerloom model ${pyCommentText(modelName).replace(/"/g, "'")}, generated from its graph.

    model = load_model()              # trained weights (weights.npz beside this file), eval mode
    y = model(x)                      # the same NHWC / NWC float arrays as TensorFlow.js
    y1, y2 = model(a, b)              # several inputs are positional; several outputs a tuple

build_model() gives fresh weights (Keras initializers); load_weights(model, path) and
save_weights(model, path) read and write .npz files (paths relative to this file's folder);
tfjs_weights(model) lists the weights as the TensorFlow.js manifest does ("dense_1/kernel");
regularization_loss(model) is the L1/L2 penalty the layers' regularizers add to a training loss.

weights.npz holds one float32 array per weight, with its Keras name and shape, keyed
"<layer key>.<weight name with / as .>", e.g. "dense_1.kernel" or
"bidirectional.forward_lstm.bias"; the layer key is the layer's name made a Python identifier
(each layer's .key). Tensors keep the Keras layout between layers; convolutions permute to
channels-first inside. Needs torch >= 1.13 and numpy.
"""`,
    'import math',
    'import os',
    '',
    'import numpy as np',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    '',
    'HERE = os.path.dirname(os.path.abspath(__file__))',
    `MODEL_NAME = ${pyString(modelName)}`,
    `INPUT_NAMES = ${names(plan.inputs)}`,
    `OUTPUT_NAMES = ${names(plan.outputs)}`,
    '# Shapes with the batch first (None: any size), and dtypes, of the inputs.',
    `INPUT_SHAPES = [${plan.inputs.map(shapeLiteral).join(', ')}]`,
    `INPUT_DTYPES = [${plan.inputs.map((n) => pyString(str(n.node.params, 'dtype', 'float32'))).join(', ')}]`,
    `OUTPUT_SHAPES = [${plan.outputs.map(shapeLiteral).join(', ')}]`,
    "# L1/L2 penalties of the layers' regularizers: (layer, weight): (l1, l2); see regularization_loss().",
    `REGULARIZERS = {${regularizerEntries(layers)
      .map((e) => `\n    ${e}`)
      .join('')}${regularizerEntries(layers).length > 0 ? '\n' : ''}}`,
    '',
    RUNTIME_PY,
    ...snippets,
    '',
    'class Model(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.layers = nn.ModuleList([',
    indent(
      layers.map((n) => `${constructor(n)},`),
      '            ',
    ),
    '        ])',
    '        self.reset_parameters()',
    '',
    '    def reset_parameters(self):',
    '        for layer in self.layers:',
    '            layer.reset_parameters()',
    '',
    '    def forward(self, *inputs):',
    indent(forwardBody(plan, layers), '        '),
    '',
    INTERFACE_PY,
  ].join('\n');
}
