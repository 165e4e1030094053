import * as tf from '@tensorflow/tfjs';
import type { Params } from '../../model/graph';
import { str } from '../../model/params';
import { RNN_BASE_NAME, RNN_KINDS, rnnParams, type RnnKind } from '../../model/layers/rnn-shared';
import { wrapperInnerName } from '../../model/layers/wrappers';
import { camel, type TfjsArgs } from '../args';
import type { LayerFactory } from './types';

type Args<F extends (...a: never[]) => unknown> = Parameters<F>[0];

function buildRnn(kind: RnnKind, a: TfjsArgs): tf.RNN {
  switch (kind) {
    case 'LSTM':
      return tf.layers.lstm(a as unknown as Args<typeof tf.layers.lstm>);
    case 'GRU':
      return tf.layers.gru(a as unknown as Args<typeof tf.layers.gru>);
    case 'SimpleRNN':
      return tf.layers.simpleRNN(a as unknown as Args<typeof tf.layers.simpleRNN>);
  }
}

/** Only the args the inner class declares: Bidirectional's flat params cover all three classes. */
function innerArgs(kind: RnnKind, a: TfjsArgs, p: Params): TfjsArgs {
  const keys = new Set(rnnParams(kind).map((d) => camel(d.key)));
  // The inner name is part of every weight's name (`bidi/forward_<inner>/kernel`): keep the model's.
  const out: TfjsArgs = { name: wrapperInnerName(p, RNN_BASE_NAME[kind]), trainable: a.trainable };
  for (const [k, v] of Object.entries(a)) if (keys.has(k)) out[k] = v;
  return out;
}

export const recurrentFactories: Record<string, LayerFactory> = {
  Embedding: (a) => tf.layers.embedding(a as unknown as Args<typeof tf.layers.embedding>),
  SimpleRNN: (a) => buildRnn('SimpleRNN', a),
  LSTM: (a) => buildRnn('LSTM', a),
  GRU: (a) => buildRnn('GRU', a),
  Bidirectional: (a, p) => {
    const kind = str(p, 'layer', 'LSTM') as RnnKind;
    if (!RNN_KINDS.includes(kind)) throw new Error(`Bidirectional cannot wrap ${kind}`);
    const layer = tf.layers.bidirectional({
      name: a.name as string,
      layer: buildRnn(kind, innerArgs(kind, a, p)),
      mergeMode: str(p, 'merge_mode', 'concat') as Args<typeof tf.layers.bidirectional>['mergeMode'],
    });
    // tfjs's Bidirectional constructor resets its own flag to true; the halves took it from the inner layer.
    layer.trainable = a.trainable !== false;
    return layer;
  },
  TimeDistributed: (a, p) => {
    const { name, ...dense } = a;
    const inner = tf.layers.dense({ ...(dense as unknown as Args<typeof tf.layers.dense>), name: wrapperInnerName(p, 'dense') });
    return tf.layers.timeDistributed({ name: name as string, layer: inner, trainable: a.trainable !== false });
  },
};
