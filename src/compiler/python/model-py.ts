import type { Shape } from '../../model/graph';
import { ints, str } from '../../model/params';
import { getSpec } from '../../model/registry';
import { callArguments, layerCode, type LayerCodeContext } from './layer-code';
import type { PlannedNode, ProjectPlan } from './project-plan';
import { pyCommentText, pyString, pyValue } from './py-literal';

/** model.py: `build_model()` rebuilding the graph with the Keras 3 functional API. */

const HEADER = `"""The model, rebuilt with the Keras 3 functional API (written by Layerloom).

build_model() returns an untrained keras.Model with the same layers, names and
settings as in Layerloom; load_weights.py puts the trained weights into it.
"""
import keras
`;

const HARD_SIGMOID = `

# TensorFlow.js (like Keras 2) defines hard_sigmoid as clip(0.2 * x + 0.5, 0, 1);
# Keras 3 changed it to relu6(x + 3) / 6. This keeps the function the model was trained with.
@keras.saving.register_keras_serializable(package="layerloom")
def tfjs_hard_sigmoid(x):
    return keras.ops.clip(0.2 * x + 0.5, 0.0, 1.0)
`;

const UNSUPPORTED = `

def unsupported_layer(class_name, layer_name):
    """Stands in for a layer Keras 3 does not have: building the model stops here."""
    raise NotImplementedError(
        f"Layer {layer_name!r} ({class_name}) has no Keras 3 equivalent; "
        "replace its line in build_model() with an equivalent layer or a custom one."
    )
`;

/** A shape as Keras prints it: `(None, 28, 28, 1)`. */
const formatShape = (shape: Shape) => pyValue(shape);

const label = (p: PlannedNode) => `${p.node.type} ${pyString(p.node.name)}`;

function inputLine(p: PlannedNode): string {
  const shape = ints(p.node.params, 'shape').map((d) => (d === -1 ? null : d));
  const batch = p.node.params.batch_size;
  const dtype = str(p.node.params, 'dtype', 'float32');
  const args = [
    `shape=${pyValue(shape)}`,
    `batch_size=${typeof batch === 'number' ? String(batch) : 'None'}`,
    `dtype=${pyString(dtype)}`,
    `name=${pyString(p.kerasName)}`,
  ];
  return `    ${p.variable} = keras.Input(${args.join(', ')})`;
}

function layerLines(p: PlannedNode, ctx: LayerCodeContext): string[] {
  const spec = getSpec(p.node.type);
  if (!spec) throw new Error(`unknown layer type ${p.node.type}`);
  const code = layerCode(spec, p.node.params, p.kerasName, `${p.node.type} ${JSON.stringify(p.node.name)}`, ctx);
  // Merge layers take a list of tensors, most others one tensor (as the tfjs compiler does).
  const args = callArguments(spec, p.inputs, code);
  return [...code.comments.map((c) => `    # ${c}`), `    ${p.variable} = ${code.expression}(${args})`];
}

/** `x` for one tensor, `[a, b]` for several: a one-input model then predicts on a plain array. */
const tensors = (list: readonly PlannedNode[]) =>
  list.length === 1 ? (list[0] as PlannedNode).variable : `[${list.map((p) => p.variable).join(', ')}]`;

export function modelPy(plan: ProjectPlan, ctx: LayerCodeContext): string {
  const body: string[] = [];
  for (const p of plan.nodes) {
    body.push(`    # ${pyCommentText(label(p))}, output ${formatShape(p.outputShape)}`);
    body.push(...(p.node.type === 'Input' ? [inputLine(p)] : layerLines(p, ctx)));
    body.push('');
  }
  const inputsDoc = plan.inputs.map(
    (p) => `    #   ${pyCommentText(pyString(p.kerasName))}: ${formatShape(p.outputShape)}`,
  );
  const outputsDoc = plan.outputs.map(
    (p) => `    #   ${pyCommentText(pyString(p.kerasName))}: ${formatShape(p.outputShape)}`,
  );
  const helpers = (ctx.usesTfjsHardSigmoid ? HARD_SIGMOID : '') + (ctx.usesUnsupportedLayer ? UNSUPPORTED : '');
  const kerasHub = ctx.usesKerasHub
    ? 'import keras_hub  # pip install keras-hub: PositionEmbedding, TokenAndPositionEmbedding\n'
    : '';
  return [
    HEADER + kerasHub,
    `MODEL_NAME = ${pyString(plan.modelName)}`,
    helpers,
    '',
    'def build_model():',
    '    """Builds the model (weights freshly initialised; see load_weights.py)."""',
    '    # Inputs, in the order predict() takes them:',
    ...inputsDoc,
    '    # Outputs, in the order predict() returns them:',
    ...outputsDoc,
    '',
    ...body,
    `    return keras.Model(inputs=${tensors(plan.inputs)}, outputs=${tensors(plan.outputs)}, name=MODEL_NAME)`,
    '',
    '',
    'if __name__ == "__main__":',
    '    build_model().summary()',
    '',
  ].join('\n');
}
