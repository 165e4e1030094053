// The models scripts/build-model-fixtures.ts saves into src/model/fixtures/tfjs-models/: small,
// every layer and model named (tfjs would number unnamed ones per process), together covering the
// layer classes of the third-party corpus in ../shared/corpus and more. A NEGATIVE category marks
// a model with a layer class Layerloom does not import.
import * as tf from '@tensorflow/tfjs';

const L = tf.layers;
type Tensor = tf.SymbolicTensor;
/** `apply` answers Tensor | SymbolicTensor | arrays of them; on symbolic inputs it is one SymbolicTensor. */
const one = (t: unknown) => t as Tensor;
const seq = (name: string, layers: tf.layers.Layer[]) => tf.sequential({ name, layers });

/** A MobileNet-style block: conv, batch norm, ReLU6, depthwise conv, 1x1 conv, residual Add. */
function mobileBlock(prefix: string, x: Tensor): Tensor {
  const stem = one(
    L.conv2d({ name: `${prefix}_conv`, filters: 4, kernelSize: 3, strides: 2, padding: 'same' }).apply(x),
  );
  const bn = one(L.batchNormalization({ name: `${prefix}_bn` }).apply(stem));
  const relu = one(L.reLU({ name: `${prefix}_relu`, maxValue: 6 }).apply(bn));
  const dw = one(L.depthwiseConv2d({ name: `${prefix}_dw`, kernelSize: 3, padding: 'same' }).apply(relu));
  const pw = one(L.conv2d({ name: `${prefix}_project`, filters: 4, kernelSize: 1 }).apply(dw));
  return one(L.add({ name: `${prefix}_add` }).apply([relu, pw]));
}

export interface FixtureModel {
  name: string;
  category: string;
  build: () => tf.LayersModel;
}

export const FIXTURES: FixtureModel[] = [
  {
    name: 'mlp-dense-dropout',
    category: 'tabular-mlp',
    build: () =>
      seq('mlp', [
        L.inputLayer({ name: 'features', inputShape: [4] }),
        L.dense({ name: 'hidden', units: 8, activation: 'relu' }),
        L.dropout({ name: 'drop', rate: 0.25 }),
        L.dense({ name: 'classes', units: 3, activation: 'softmax' }),
      ]),
  },
  {
    name: 'cnn-conv2d-batchnorm-pooling',
    category: 'cnn-image',
    build: () =>
      seq('cnn', [
        L.conv2d({ name: 'conv_a', inputShape: [10, 10, 1], filters: 4, kernelSize: 3 }),
        L.batchNormalization({ name: 'bn_a' }),
        L.activation({ name: 'act_a', activation: 'relu' }),
        L.maxPooling2d({ name: 'pool_a', poolSize: 2 }),
        L.conv2d({ name: 'conv_b', filters: 6, kernelSize: 2, activation: 'relu' }),
        L.averagePooling2d({ name: 'pool_b', poolSize: 2 }),
        L.dropout({ name: 'drop', rate: 0.3 }),
        L.flatten({ name: 'flat' }),
        L.dense({ name: 'classes', units: 3, activation: 'softmax' }),
      ]),
  },
  {
    name: 'functional-depthwise-separable-add',
    category: 'functional-merge; mobile-cnn',
    build: () => {
      const input = tf.input({ name: 'image', shape: [12, 12, 3] });
      const padded = one(L.zeroPadding2d({ name: 'pad', padding: 1 }).apply(input));
      const block = mobileBlock('block', padded);
      const sep = one(L.separableConv2d({ name: 'sep', filters: 6, kernelSize: 3, activation: 'relu' }).apply(block));
      const pooled = one(L.globalAveragePooling2d({ name: 'gap' }).apply(sep));
      const output = one(L.dense({ name: 'classes', units: 4, activation: 'softmax' }).apply(pooled));
      return tf.model({ name: 'mobile', inputs: input, outputs: output });
    },
  },
  {
    name: 'nested-functional-base-sequential-head',
    category: 'nested-models; transfer-head',
    build: () => {
      const input = tf.input({ name: 'base_input', shape: [8, 8, 3] });
      const features = one(L.globalMaxPooling2d({ name: 'base_gmp' }).apply(mobileBlock('base', input)));
      const base = tf.model({ name: 'base', inputs: input, outputs: features });
      const head = seq('head', [
        L.dense({ name: 'head_hidden', inputShape: [4], units: 5, activation: 'relu' }),
        L.dropout({ name: 'head_drop', rate: 0.5 }),
        L.dense({ name: 'head_out', units: 3, activation: 'softmax', useBias: false }),
      ]);
      return seq('transfer', [base, head]);
    },
  },
  {
    name: 'conv-autoencoder-nested-transpose-reshape',
    category: 'autoencoder; nested-models',
    build: () =>
      seq('autoencoder', [
        L.inputLayer({ name: 'pixels', inputShape: [8, 8, 1] }),
        seq('encoder', [
          L.conv2d({ name: 'enc_conv', inputShape: [8, 8, 1], filters: 4, kernelSize: 3, padding: 'same' }),
          L.maxPooling2d({ name: 'enc_pool', poolSize: 2 }),
        ]),
        L.conv2dTranspose({ name: 'dec_up', filters: 2, kernelSize: 3, strides: 2, padding: 'same' }),
        L.conv2d({ name: 'dec_out', filters: 1, kernelSize: 1, activation: 'sigmoid' }),
        L.reshape({ name: 'image', targetShape: [8, 8] }),
      ]),
  },
  {
    name: 'unet-concatenate-upsampling-cropping',
    category: 'functional-merge; upsampling',
    build: () => {
      const input = tf.input({ name: 'image', shape: [8, 8, 2] });
      const a = one(L.conv2d({ name: 'down_a', filters: 4, kernelSize: 3, padding: 'same' }).apply(input));
      const pooled = one(L.maxPooling2d({ name: 'down_pool', poolSize: 2 }).apply(a));
      const b = one(L.conv2d({ name: 'down_b', filters: 6, kernelSize: 3, padding: 'same' }).apply(pooled));
      const up = one(L.conv2dTranspose({ name: 'up_b', filters: 4, kernelSize: 2, strides: 2 }).apply(b));
      const skip = one(L.concatenate({ name: 'skip', axis: -1 }).apply([a, up]));
      const mixed = one(L.conv2d({ name: 'mix', filters: 3, kernelSize: 3, padding: 'same' }).apply(skip));
      const big = one(L.upSampling2d({ name: 'upsample', size: [2, 2] }).apply(mixed));
      const crop = one(
        L.cropping2D({
          name: 'crop',
          cropping: [
            [4, 4],
            [4, 4],
          ],
        }).apply(big),
      );
      const mask = one(L.conv2d({ name: 'mask', filters: 1, kernelSize: 1, activation: 'sigmoid' }).apply(crop));
      return tf.model({ name: 'unet', inputs: input, outputs: mask });
    },
  },
  {
    name: 'text-embedding-bidirectional-lstm',
    category: 'text-sequence',
    build: () =>
      seq('bilstm', [
        L.embedding({ name: 'tokens', inputDim: 40, outputDim: 6, inputLength: 12 }),
        L.bidirectional({ name: 'bidi', layer: L.lstm({ name: 'lstm', units: 5, returnSequences: true }) as tf.RNN }),
        L.flatten({ name: 'flat' }),
        L.dense({ name: 'score', units: 1, activation: 'sigmoid' }),
      ]),
  },
  {
    name: 'sequence-lstm-gru-simplernn',
    category: 'text-sequence; stacked-rnn',
    build: () =>
      seq('stacked', [
        L.lstm({ name: 'lstm', inputShape: [10, 5], units: 6, returnSequences: true }),
        L.dropout({ name: 'drop', rate: 0.2 }),
        L.gru({ name: 'gru', units: 4, returnSequences: true }),
        L.simpleRNN({ name: 'rnn', units: 3 }),
        L.dense({ name: 'logits', units: 2 }),
        L.activation({ name: 'probs', activation: 'sigmoid' }),
      ]),
  },
  {
    name: 'sequence-conv1d-timedistributed',
    category: 'time-series',
    build: () =>
      seq('sensor', [
        L.conv1d({ name: 'conv', inputShape: [16, 3], filters: 4, kernelSize: 3, activation: 'relu' }),
        L.maxPooling1d({ name: 'pool', poolSize: 2 }),
        L.timeDistributed({ name: 'per_step', layer: L.dense({ name: 'step_dense', units: 5 }) }),
        L.averagePooling1d({ name: 'avg', poolSize: 2 }),
        L.lstm({ name: 'lstm', units: 4 }),
        L.dense({ name: 'alarm', units: 1, activation: 'sigmoid' }),
      ]),
  },
  {
    name: 'text-conv1d-concat-multi-output',
    category: 'text-sequence; functional-merge; multi-output',
    build: () => {
      const input = tf.input({ name: 'chars', shape: [20] });
      const embedded = one(L.embedding({ name: 'embed', inputDim: 30, outputDim: 4 }).apply(input));
      const branch = (k: number) => {
        const conv = L.conv1d({ name: `conv_k${k}`, filters: 3, kernelSize: k, activation: 'relu' }).apply(embedded);
        return one(L.globalMaxPooling1d({ name: `gmp_k${k}` }).apply(conv));
      };
      const merged = one(L.concatenate({ name: 'merge' }).apply([branch(2), branch(3)]));
      const dropped = one(L.dropout({ name: 'drop', rate: 0.5 }).apply(merged));
      const kind = one(L.dense({ name: 'kind', units: 3, activation: 'softmax' }).apply(dropped));
      const flag = one(L.dense({ name: 'flag', units: 1, activation: 'sigmoid' }).apply(dropped));
      return tf.model({ name: 'twoheads', inputs: input, outputs: [kind, flag] });
    },
  },
  {
    name: 'functional-activations-merges-misc',
    category: 'functional-merge; activations',
    build: () => {
      const input = tf.input({ name: 'x', shape: [6] });
      const dense = (name: string, t: Tensor) => one(L.dense({ name, units: 4 }).apply(t));
      const a = one(L.leakyReLU({ name: 'leaky', alpha: 0.1 }).apply(dense('da', input)));
      const b = one(L.prelu({ name: 'prelu' }).apply(dense('db', input)));
      const c = one(L.elu({ name: 'elu' }).apply(dense('dc', input)));
      const d = one(L.softmax({ name: 'soft' }).apply(dense('dd', input)));
      const merged = [
        L.multiply({ name: 'mul' }).apply([a, b]),
        L.average({ name: 'avg' }).apply([b, c]),
        L.maximum({ name: 'max' }).apply([c, d]),
        L.minimum({ name: 'min' }).apply([a, d]),
      ].map(one);
      const dot = one(L.dot({ name: 'dot', axes: 1 }).apply([merged[0]!, merged[1]!]));
      const normed = one(
        L.layerNormalization({ name: 'norm' }).apply(L.concatenate({ name: 'cat' }).apply([...merged, dot])),
      );
      const repeated = one(L.repeatVector({ name: 'repeat', n: 3 }).apply(normed));
      const permuted = one(L.permute({ name: 'permute', dims: [2, 1] }).apply(repeated));
      const spatial = one(L.spatialDropout1d({ name: 'sdrop', rate: 0.1 }).apply(permuted));
      const pooled = one(L.globalAveragePooling1d({ name: 'gap' }).apply(spatial));
      return tf.model({ name: 'misc', inputs: input, outputs: one(L.dense({ name: 'out', units: 2 }).apply(pooled)) });
    },
  },
  {
    name: 'negative-masking-lstm',
    category: 'NEGATIVE-unsupported-layer',
    build: () =>
      seq('masked', [
        L.masking({ name: 'mask', inputShape: [7, 3], maskValue: 0 }),
        L.lstm({ name: 'lstm', units: 2 }),
        L.dense({ name: 'out', units: 1 }),
      ]),
  },
];
