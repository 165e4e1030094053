import type { Params, Shape } from '../graph';
import type { BoolParam, FloatParam, ParamDef } from '../params';
import { bool, str } from '../params';
import { describeShape, knownDim } from '../shape-utils';
import type { LayerSpec, WeightSpec } from '../spec';
import { ShapeError } from '../spec';
import { activation, initializer, join, num, regularizer, useBias } from './common';

/**
 * SimpleRNN, LSTM and GRU share everything but the number of gates; Bidirectional reuses these
 * specs for each direction.
 *
 * Weight names: tfjs 4.22 names an LSTM layer `lstm`'s variables `lstm/kernel`,
 * `lstm/recurrent_kernel`, `lstm/bias` (no cell segment), so WeightSpec names are `kernel`,
 * `recurrent_kernel`, `bias`. Keras files written by TF >= 2.2 add the cell
 * (`lstm/lstm_cell/kernel`, and numbered: `lstm_1/lstm_cell_1/kernel`); tfjs's own loader drops
 * that middle segment when matching (Container.loadWeights), and an importer should do the same.
 */

export type RnnKind = 'SimpleRNN' | 'LSTM' | 'GRU';

/** Gate blocks stacked in kernel, recurrent kernel and bias. */
const GATES: Record<RnnKind, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };

/** Keras's default layer name per class; Bidirectional names its halves `forward_<this>`. */
export const RNN_BASE_NAME: Record<RnnKind, string> = { SimpleRNN: 'simple_rnn', LSTM: 'lstm', GRU: 'gru' };

export const RNN_KINDS: readonly RnnKind[] = ['LSTM', 'GRU', 'SimpleRNN'];

const rate = (key: string, label: string, help: string): FloatParam => ({ kind: 'float', key, label, default: 0, min: 0, max: 1, help });
const flag = (key: string, label: string, def: boolean, help: string): BoolParam => ({ kind: 'bool', key, label, default: def, help });

const units: ParamDef = { kind: 'int', key: 'units', label: 'Units', default: 32, min: 1, max: 100_000, help: 'Size of the hidden state, and of the output at each step.' };
const recurrentActivation = activation('sigmoid', 'recurrent_activation', 'Recurrent activation');
const unitForgetBias = flag('unit_forget_bias', 'Unit forget bias', true, 'LSTM only: start the forget gate bias at 1 so the cell remembers by default early in training.');
/**
 * Keras >= 2.3 defaults reset_after to true, but tfjs 4.22's GRUCell refuses it (and it changes
 * the bias to [2, 3·units]); our default is false so a new GRU compiles, and an imported true is
 * reported on the node.
 */
const resetAfter = flag('reset_after', 'Reset after', false, 'GRU only: apply the reset gate after the recurrent matrix (Keras 2.3+ / cuDNN style). TensorFlow.js cannot run it; keep it off.');

function tail(): ParamDef[] {
  return [
    useBias,
    initializer('kernel_initializer', 'Kernel initializer', 'GlorotUniform'),
    initializer('recurrent_initializer', 'Recurrent initializer', 'Orthogonal'),
    initializer('bias_initializer', 'Bias initializer', 'Zeros'),
    regularizer('kernel_regularizer', 'Kernel regularizer'),
    regularizer('recurrent_regularizer', 'Recurrent regularizer'),
    regularizer('bias_regularizer', 'Bias regularizer'),
    rate('dropout', 'Dropout', 'Fraction of the inputs dropped at each step during training.'),
    rate('recurrent_dropout', 'Recurrent dropout', 'Fraction of the hidden state dropped at each step during training.'),
    flag('return_sequences', 'Return sequences', false, 'Output every step [batch, timesteps, units] instead of only the last [batch, units]. Turn on to stack another RNN after this one.'),
    flag('go_backwards', 'Go backwards', false, 'Read the sequence from the end to the start.'),
    flag('stateful', 'Stateful', false, 'Carry the state from one batch to the next (needs a fixed batch size on the Input).'),
  ];
}

/** Params of one RNN class, in the order the inspector shows them. */
export function rnnParams(kind: RnnKind): ParamDef[] {
  const head: ParamDef[] = [units, activation('tanh')];
  if (kind !== 'SimpleRNN') head.push(recurrentActivation);
  if (kind === 'LSTM') head.push(unitForgetBias);
  if (kind === 'GRU') head.push(resetAfter);
  return [...head, ...tail()];
}

/** Every RNN param, for Bidirectional, which can hold any of the three. */
export function allRnnParams(): ParamDef[] {
  return [units, activation('tanh'), recurrentActivation, unitForgetBias, resetAfter, ...tail()];
}

/** Checks the [batch, timesteps, features] input, suggesting the fix for the usual wrong ranks. */
export function requireSequence(input: Shape | undefined): Shape {
  if (!input) throw new ShapeError('has no input; connect a layer to it', 0);
  if (input.length === 3) return input;
  const size = (d: number | null | undefined) => (d === null || d === undefined ? '?' : String(d));
  let hint = 'add a Reshape to [timesteps, features] before it';
  if (input.length === 2) {
    hint = `to read it as ${size(input[1])} steps of one value, add a Reshape to [${size(input[1])}, 1]; if these are token ids, put an Embedding before it`;
  } else if (input.length === 4) {
    const [, h, w, c] = input;
    const row = w === null || c === null || w === undefined || c === undefined ? '?' : String(w * c);
    hint = `to read an image row by row, add a Reshape to [${size(h)}, ${row}] before it`;
  }
  throw new ShapeError(`needs a 3-D input [batch, timesteps, features] but receives ${describeShape(input)}; ${hint}`, 0);
}

export function rnnOutputShape(kind: RnnKind, inputs: readonly Shape[], p: Params): Shape {
  const x = requireSequence(inputs[0]);
  knownDim(x[2] ?? null, 'number of features per step (last dimension)');
  if (kind === 'GRU' && bool(p, 'reset_after')) {
    throw new ShapeError(
      "has reset_after on (the Keras 2.3+ default), which TensorFlow.js cannot run; untick 'Reset after'. Its bias then has shape [3·units] instead of [2, 3·units], so trained weights for it cannot be reused",
    );
  }
  if (bool(p, 'stateful') && x[0] === null) {
    throw new ShapeError("is stateful, which needs a fixed batch size; set 'Fixed batch size' on the Input, or untick Stateful");
  }
  const u = num(p, 'units', 32);
  return bool(p, 'return_sequences') ? [x[0] ?? null, x[1] ?? null, u] : [x[0] ?? null, u];
}

export function rnnWeights(kind: RnnKind, inputs: readonly Shape[], p: Params, prefix = ''): WeightSpec[] {
  const x = requireSequence(inputs[0]);
  const features = knownDim(x[2] ?? null, 'number of features per step (last dimension)');
  const u = num(p, 'units', 32);
  const width = GATES[kind] * u;
  // Keras's reset_after GRU keeps separate input and recurrent biases.
  const bias = kind === 'GRU' && bool(p, 'reset_after') ? [2, width] : [width];
  return [
    { name: `${prefix}kernel`, shape: [features, width], trainable: true },
    { name: `${prefix}recurrent_kernel`, shape: [u, width], trainable: true },
    ...(bool(p, 'use_bias', true) ? [{ name: `${prefix}bias`, shape: bias, trainable: true }] : []),
  ];
}

/**
 * Config keys our params do not cover but that change what the layer computes: importing them
 * silently would give a different model, so they are refused with the reason.
 */
export function rejectUnsupportedRnnConfig(className: string, config: Record<string, unknown>): void {
  if (config.return_state === true) {
    throw new Error(`${className} with return_state=True is not supported: a layer here has one output; set return_state=False`);
  }
  if (config.time_major === true) throw new Error(`${className} with time_major=True is not supported; use batch-major [batch, timesteps, features] inputs`);
}

export function rnnSummary(p: Params): string {
  const act = str(p, 'activation', 'tanh');
  return join([num(p, 'units'), act !== 'tanh' && act, bool(p, 'return_sequences') && 'seq', bool(p, 'go_backwards') && 'reversed']);
}

/** Keras 2 also writes these; Keras and tfjs read them back as defaults anyway. */
const KERAS_EXTRAS = { return_state: false, unroll: false };

function rnnSpec(kind: RnnKind, description: string): LayerSpec {
  return {
    type: kind,
    category: 'Recurrent',
    description,
    inputs: { min: 1, max: 1 },
    params: rnnParams(kind),
    summary: rnnSummary,
    inferShape: (inputs, p) => rnnOutputShape(kind, inputs, p),
    weights: (inputs, p) => rnnWeights(kind, inputs, p),
    keras: {
      className: kind,
      toConfig: (_p, generic) => ({ ...generic, ...KERAS_EXTRAS }),
      fromConfig: (config, generic) => {
        rejectUnsupportedRnnConfig(kind, config);
        return generic;
      },
    },
  };
}

export const SimpleRNN = rnnSpec('SimpleRNN', 'Plain recurrent layer: one tanh state carried along the sequence. Forgets over long spans.');
export const LSTM = rnnSpec('LSTM', 'Long short-term memory: gated recurrent layer that keeps information over long sequences.');
export const GRU = rnnSpec('GRU', 'Gated recurrent unit: a lighter LSTM with two gates; often just as good.');

export const RNN_SPECS: Record<RnnKind, LayerSpec> = { SimpleRNN, LSTM, GRU };
