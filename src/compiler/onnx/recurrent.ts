import { label } from '../../model/analyze';
import type { Graph, LayerNode, Params } from '../../model/graph';
import { bool, num, str } from '../../model/params';
import { RNN_BASE_NAME, RNN_KINDS, type RnnKind } from '../../model/layers/rnn-shared';
import type { WeightValue } from '../../model/weights';
import { type ConvertContext, type LayerBuilder, type LayerConverter } from './builder';
import { attr, TensorType, type AttributeValue } from './proto';
import type { OnnxRefusal } from './export';

/**
 * Embedding, SimpleRNN, LSTM, GRU and Bidirectional as ONNX Gather, RNN, LSTM and GRU.
 *
 * - Gate order: Keras stacks LSTM gates i, f, c, o; ONNX wants i, o, f, c. GRU is z, r, h in both.
 * - Keras's reset_after=False GRU is ONNX's linear_before_reset = 0 with a zero recurrent bias
 *   (tfjs cannot run reset_after=True, so the graph validation refuses it before export).
 * - ONNX RNNs run time-major ([steps, batch, features]) at opset 13: Transposes around them.
 * - go_backwards reverses the input steps (and so the output order, as in Keras); a Bidirectional
 *   runs its backward half that way and flips its sequence output back before merging.
 */

/** Keras activation → ONNX RNN activation (name and the alpha/beta it takes, in ONNX Runtime's reading). */
const RNN_ACTIVATIONS: Readonly<Record<string, { name: string; alpha?: number; beta?: number }>> = {
  tanh: { name: 'Tanh' },
  sigmoid: { name: 'Sigmoid' },
  relu: { name: 'Relu' },
  hard_sigmoid: { name: 'HardSigmoid', alpha: 0.2, beta: 0.5 },
  linear: { name: 'Affine', alpha: 1, beta: 0 },
  elu: { name: 'Elu', alpha: 1 },
  softsign: { name: 'Softsign' },
  softplus: { name: 'Softplus' },
};

/** The Keras gate block each ONNX gate block takes. */
const GATE_ORDER: Record<RnnKind, readonly number[]> = { LSTM: [0, 3, 1, 2], GRU: [0, 1, 2], SimpleRNN: [0] };
const ONNX_OP: Record<RnnKind, string> = { LSTM: 'LSTM', GRU: 'GRU', SimpleRNN: 'RNN' };

/** The Keras activation params of each ONNX function slot: LSTM (f, g, h), GRU (f, g), RNN (f). */
function activationKeys(kind: RnnKind): string[] {
  if (kind === 'LSTM') return ['recurrent_activation', 'activation', 'activation'];
  if (kind === 'GRU') return ['recurrent_activation', 'activation'];
  return ['activation'];
}

const DEFAULTS: Record<string, string> = { activation: 'tanh', recurrent_activation: 'sigmoid' };

function rnnRefusal(kind: RnnKind, p: Params): string | null {
  for (const key of new Set(activationKeys(kind))) {
    const name = str(p, key, DEFAULTS[key]);
    if (!RNN_ACTIVATIONS[name]) {
      return `its ${key.replace('_', ' ')} '${name}' is not one ONNX's ${kind} can apply (${Object.keys(RNN_ACTIVATIONS).join(', ')})`;
    }
  }
  if (bool(p, 'stateful'))
    return 'it is stateful: an ONNX model keeps no state from one run to the next; untick Stateful';
  return null;
}

function activationAttributes(kind: RnnKind, p: Params): Record<string, AttributeValue> {
  const fns = activationKeys(kind).map((key) => RNN_ACTIVATIONS[str(p, key, DEFAULTS[key])]!);
  const alphas = fns.flatMap((f) => (f.alpha === undefined ? [] : [f.alpha]));
  const betas = fns.flatMap((f) => (f.beta === undefined ? [] : [f.beta]));
  return {
    activations: attr.strings(fns.map((f) => f.name)),
    ...(alphas.length > 0 ? { activation_alpha: attr.floats(alphas) } : {}),
    ...(betas.length > 0 ? { activation_beta: attr.floats(betas) } : {}),
  };
}

/** Keras [in, G·H] (columns in Keras gate order) → ONNX [1, G·H, in] (rows in ONNX gate order). */
function gateMatrix(w: WeightValue, kind: RnnKind, units: number): Float32Array {
  const [rows, cols] = w.shape as [number, number];
  const out = new Float32Array(rows * cols);
  GATE_ORDER[kind].forEach((from, to) => {
    for (let h = 0; h < units; h++) {
      for (let r = 0; r < rows; r++) out[(to * units + h) * rows + r] = w.values[r * cols + from * units + h]!;
    }
  });
  return out;
}

function gateBias(bias: Float32Array | null, kind: RnnKind, units: number): Float32Array {
  const gates = GATE_ORDER[kind].length;
  // Wb then Rb; Keras has one bias, so Rb stays zero.
  const out = new Float32Array(2 * gates * units);
  if (bias)
    GATE_ORDER[kind].forEach((from, to) => out.set(bias.subarray(from * units, (from + 1) * units), to * units));
  return out;
}

/** One direction of a recurrent layer over [N, T, F]: [N, T, H] with return_sequences, else [N, H]. */
function recurrent(
  b: LayerBuilder,
  kind: RnnKind,
  x: string,
  p: Params,
  weight: (n: string) => WeightValue | null,
  backwards: boolean,
): string {
  const units = num(p, 'units', 32);
  const kernel = weight('kernel')!;
  const recurrentKernel = weight('recurrent_kernel')!;
  const gates = GATE_ORDER[kind].length;
  const steps = b.op('Transpose', [backwards ? b.reverse(x, 1) : x], { perm: attr.ints([1, 0, 2]) });
  const W = b.floats('W', [1, gates * units, kernel.shape[0]!], gateMatrix(kernel, kind, units));
  const R = b.floats('R', [1, gates * units, units], gateMatrix(recurrentKernel, kind, units));
  const B = b.floats('B', [1, 2 * gates * units], gateBias(weight('bias')?.values ?? null, kind, units));
  const [y, yh] = b.opN(ONNX_OP[kind], [steps, W, R, B], 2, {
    hidden_size: attr.int(units),
    direction: attr.string('forward'),
    ...activationAttributes(kind, p),
    ...(kind === 'GRU' ? { linear_before_reset: attr.int(0) } : {}),
  }) as [string, string];
  if (!bool(p, 'return_sequences')) return b.op('Squeeze', [yh, b.int64s('axes', [0])]);
  // Y is [T, 1, N, H].
  return b.op('Transpose', [b.op('Squeeze', [y, b.int64s('axes', [1])])], { perm: attr.ints([1, 0, 2]) });
}

function rnnConverter(kind: RnnKind): LayerConverter {
  return {
    refuse: (node) => rnnRefusal(kind, node.params),
    convert: ({ b, inputs, node, weight, hasWeight }) =>
      recurrent(
        b,
        kind,
        inputs[0]!,
        node.params,
        (n) => (hasWeight(n) ? weight(n) : null),
        bool(node.params, 'go_backwards'),
      ),
  };
}

const innerKind = (p: Params): RnnKind => {
  const k = str(p, 'layer', 'LSTM');
  return (RNN_KINDS as readonly string[]).includes(k) ? (k as RnnKind) : 'LSTM';
};

function bidirectional(ctx: ConvertContext): string {
  const { b, node, weight, hasWeight } = ctx;
  const p = node.params;
  const kind = innerKind(p);
  const half = (prefix: string) => (n: string) => (hasWeight(`${prefix}${n}`) ? weight(`${prefix}${n}`) : null);
  const goBackwards = bool(p, 'go_backwards');
  const forward = recurrent(b, kind, ctx.inputs[0]!, p, half(`forward_${RNN_BASE_NAME[kind]}/`), goBackwards);
  let backward = recurrent(b, kind, ctx.inputs[0]!, p, half(`backward_${RNN_BASE_NAME[kind]}/`), !goBackwards);
  if (bool(p, 'return_sequences')) backward = b.reverse(backward, 1);
  switch (str(p, 'merge_mode', 'concat')) {
    case 'sum':
      return b.op('Add', [forward, backward]);
    case 'mul':
      return b.op('Mul', [forward, backward]);
    case 'ave':
      return b.op('Mul', [b.op('Add', [forward, backward]), b.floats('half', [], [0.5])]);
    default:
      return b.op('Concat', [forward, backward], { axis: attr.int(-1) });
  }
}

export const recurrentConverters: Record<string, LayerConverter> = {
  // tfjs casts float ids to int32 (truncating); Gather takes int32 indices.
  Embedding: {
    acceptsInt: true,
    convert: ({ b, inputs, weight }) => {
      const table = weight('embeddings');
      const ids = b.op('Cast', [inputs[0]!], { to: attr.int(TensorType.INT32) });
      return b.op('Gather', [b.floats('embeddings', table.shape, table.values), ids], { axis: attr.int(0) });
    },
  },
  SimpleRNN: rnnConverter('SimpleRNN'),
  LSTM: rnnConverter('LSTM'),
  GRU: rnnConverter('GRU'),
  Bidirectional: {
    refuse: (node) => rnnRefusal(innerKind(node.params), node.params),
    convert: bidirectional,
  },
};

/** Layers whose Keras/tfjs output depends on an Embedding's mask_zero mask. */
const RECURRENT_TYPES = new Set(['SimpleRNN', 'LSTM', 'GRU', 'Bidirectional', 'MultiHeadAttention']);

/**
 * An Embedding with mask_zero makes the recurrent layers after it skip the padded steps. ONNX RNNs
 * only take per-sample lengths (padding at the end), not a mask, so such a model is refused
 * (a mask that reaches no recurrent layer changes nothing and is fine).
 */
export function maskRefusals(graph: Graph): OnnxRefusal[] {
  const out: OnnxRefusal[] = [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const node of graph.nodes) {
    if (node.type !== 'Embedding' || !bool(node.params, 'mask_zero')) continue;
    const reached = new Set<string>();
    const users: LayerNode[] = [];
    const queue = [node.id];
    while (queue.length > 0) {
      const id = queue.shift()!;
      for (const e of graph.edges.filter((edge) => edge.source === id)) {
        const next = byId.get(e.target);
        if (!next || reached.has(next.id)) continue;
        reached.add(next.id);
        if (RECURRENT_TYPES.has(next.type)) users.push(next);
        else queue.push(next.id);
      }
    }
    if (users.length > 0) {
      out.push({
        layer: node.name,
        type: node.type,
        reason: `has mask_zero on, and ${users.map(label).join(', ')} skip${users.length === 1 ? 's' : ''} the masked steps; ONNX recurrent and attention ops take no mask, so untick Mask zero to export`,
      });
    }
  }
  return out;
}
