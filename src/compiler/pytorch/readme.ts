import { num } from '../../model/params';
import type { PytorchPlan } from './plan';

/**
 * Where this model and the app's TensorFlow.js model may disagree: tfjs 4.22's CPU batchNorm
 * kernel applies mean and variance along the last axis whatever the layer's axis (it cycles them
 * over the flat values), while model.py normalizes the axis asked for, as Keras does.
 */
export function tfjsDifferences(plan: PytorchPlan): string[] {
  return plan.nodes.flatMap((n) => {
    if (n.node.type !== 'BatchNormalization') return [];
    const rank = n.inShapes[0]?.length ?? 0;
    const axis = num(n.node.params, 'axis', -1);
    if ((axis < 0 ? rank + axis : axis) === rank - 1) return [];
    return [
      `BatchNormalization \`${n.node.name}\` normalizes axis ${axis}, as Keras does; TensorFlow.js's CPU backend (the CLI's) applies its statistics along the last axis instead, so its predictions differ from this model's.`,
    ];
  });
}

/** README.md of the PyTorch folder: what is in it and how to use it, briefly. */
export function readmeMd(plan: PytorchPlan, modelName: string, hasMetadata: boolean): string {
  const names = (list: PytorchPlan['inputs']) => list.map((n) => `\`${n.node.name}\``).join(', ');
  const differences = tfjsDifferences(plan);
  return `# ${modelName}: PyTorch

A PyTorch \`nn.Module\` rebuilt from the Layerloom graph, with the trained weights. It computes what
the app's TensorFlow.js model computes (to float rounding), on the same NHWC / NWC inputs.

- \`model.py\`: \`load_model()\` (trained, eval mode), \`build_model()\` (fresh weights),
  \`load_weights\`, \`save_weights\`, \`tfjs_weights\` (the weights as TensorFlow.js names them),
  \`regularization_loss\` (the layers' L1/L2 penalties, to add to a training loss).
- \`weights.npz\`: the weights, one float32 array each (no pickle; any numpy reads it).
- \`predict.py\`: \`python predict.py --help\`; prepares raw records, images or texts as the app did${hasMetadata ? ' (metadata.json, preprocess.py; tokenizer.py for text)' : ''}; a language model writes with \`--generate PROMPT\`.

Inputs (positional): ${names(plan.inputs)}. Outputs${plan.outputs.length > 1 ? ' (a tuple)' : ''}: ${names(plan.outputs)}.

\`\`\`python
import numpy as np, torch
from model import load_model, INPUT_SHAPES
model = load_model()
x = np.zeros([1] + [d or 1 for d in INPUT_SHAPES[0][1:]], dtype="float32")
with torch.no_grad():
    print(model(torch.from_numpy(x)))
\`\`\`

Needs Python 3.8+, numpy and torch 1.13 or newer (Pillow for images).
${differences.length > 0 ? `\n## Differences from TensorFlow.js\n\n${differences.map((d) => `- ${d}`).join('\n')}\n` : ''}`;
}
