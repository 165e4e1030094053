/**
 * What Keras 3 (keras >= 3.0) accepts, class by class. The registry writes Keras 2 / tfjs style
 * configs; a few of their keys are gone from Keras 3 constructors (passing one raises a
 * TypeError there), and a few were renamed. Every key listed here is a constructor argument
 * of the Keras 3 class, checked against the keras 3 sources.
 */

export interface Keras3Layer {
  /** Constructor arguments, in the order they are written. */
  readonly args: readonly string[];
  /** Registry config key → Keras 3 argument name. */
  readonly renamed?: Readonly<Record<string, string>>;
  /**
   * Whether the constructor takes the base layer keyword arguments (`trainable`, …). The
   * spatial dropouts take only name and dtype.
   */
  readonly baseKwargs: boolean;
  /** Python namespace of the class: keras_hub layers live outside `keras.layers`. */
  readonly module?: 'keras.layers' | 'keras_hub.layers';
  /** Config keys Keras 3 takes as call arguments, not constructor ones (MultiHeadAttention's use_causal_mask). */
  readonly callArgs?: readonly string[];
  /** The call's inputs when not `x` / `[a, b]`: MultiHeadAttention takes `query, value, key=…`. */
  readonly callInputs?: (inputs: readonly string[]) => string;
}

const KERNEL_AND_BIAS = [
  'use_bias',
  'kernel_initializer',
  'bias_initializer',
  'kernel_regularizer',
  'bias_regularizer',
];
const CONV = [
  'filters',
  'kernel_size',
  'strides',
  'padding',
  'data_format',
  'dilation_rate',
  'groups',
  'activation',
  ...KERNEL_AND_BIAS,
];
const RNN_TAIL = [
  'use_bias',
  'kernel_initializer',
  'recurrent_initializer',
  'bias_initializer',
  'kernel_regularizer',
  'recurrent_regularizer',
  'bias_regularizer',
  'dropout',
  'recurrent_dropout',
  'return_sequences',
  'return_state',
  'go_backwards',
  'stateful',
  'unroll',
];
const WINDOW_POOL = ['pool_size', 'strides', 'padding', 'data_format'];
const GLOBAL_POOL = ['data_format', 'keepdims'];
const AFFINE = ['center', 'scale', 'beta_initializer', 'gamma_initializer', 'beta_regularizer', 'gamma_regularizer'];

const layer = (args: readonly string[], extra: Partial<Keras3Layer> = {}): Keras3Layer => ({
  args,
  baseKwargs: true,
  ...extra,
});

export const KERAS3_LAYERS: Readonly<Record<string, Keras3Layer>> = {
  Dense: layer(['units', 'activation', ...KERNEL_AND_BIAS]),
  Activation: layer(['activation']),
  ReLU: layer(['max_value', 'negative_slope', 'threshold']),
  // Keras 3 renamed LeakyReLU's alpha; the old name only survives as a deprecated alias.
  LeakyReLU: layer(['negative_slope'], { renamed: { alpha: 'negative_slope' } }),
  PReLU: layer(['alpha_initializer', 'alpha_regularizer', 'alpha_constraint', 'shared_axes']),
  ELU: layer(['alpha']),
  Softmax: layer(['axis']),
  Dropout: layer(['rate', 'noise_shape', 'seed']),
  SpatialDropout1D: layer(['rate', 'seed'], { baseKwargs: false }),
  SpatialDropout2D: layer(['rate', 'data_format', 'seed'], { baseKwargs: false }),
  Flatten: layer(['data_format']),
  Reshape: layer(['target_shape']),
  Permute: layer(['dims']),
  RepeatVector: layer(['n']),
  Conv1D: layer(CONV),
  Conv2D: layer(CONV),
  // No output_padding: several Keras 3 releases do not take it (the registry only writes None).
  Conv2DTranspose: layer([
    'filters',
    'kernel_size',
    'strides',
    'padding',
    'data_format',
    'dilation_rate',
    'activation',
    ...KERNEL_AND_BIAS,
  ]),
  SeparableConv2D: layer([
    'filters',
    'kernel_size',
    'strides',
    'padding',
    'data_format',
    'dilation_rate',
    'depth_multiplier',
    'activation',
    'use_bias',
    'depthwise_initializer',
    'pointwise_initializer',
    'bias_initializer',
    'depthwise_regularizer',
    'pointwise_regularizer',
    'bias_regularizer',
  ]),
  DepthwiseConv2D: layer([
    'kernel_size',
    'strides',
    'padding',
    'depth_multiplier',
    'data_format',
    'dilation_rate',
    'activation',
    'use_bias',
    'depthwise_initializer',
    'bias_initializer',
    'depthwise_regularizer',
    'bias_regularizer',
  ]),
  MaxPooling1D: layer(WINDOW_POOL),
  MaxPooling2D: layer(WINDOW_POOL),
  AveragePooling1D: layer(WINDOW_POOL),
  AveragePooling2D: layer(WINDOW_POOL),
  GlobalAveragePooling1D: layer(GLOBAL_POOL),
  GlobalAveragePooling2D: layer(GLOBAL_POOL),
  GlobalMaxPooling1D: layer(GLOBAL_POOL),
  GlobalMaxPooling2D: layer(GLOBAL_POOL),
  ZeroPadding2D: layer(['padding', 'data_format']),
  Cropping2D: layer(['cropping', 'data_format']),
  UpSampling2D: layer(['size', 'data_format', 'interpolation']),
  BatchNormalization: layer([
    'axis',
    'momentum',
    'epsilon',
    ...AFFINE,
    'moving_mean_initializer',
    'moving_variance_initializer',
  ]),
  LayerNormalization: layer(['axis', 'epsilon', ...AFFINE]),
  // input_length is gone: Keras 3 takes the sequence length from the Input.
  Embedding: layer(['input_dim', 'output_dim', 'embeddings_initializer', 'embeddings_regularizer', 'mask_zero']),
  SimpleRNN: layer(['units', 'activation', ...RNN_TAIL]),
  // unit_forget_bias and reset_after are always written: Keras 3's reset_after default (True)
  // differs from tfjs, which only has the reset_after=False GRU.
  LSTM: layer(['units', 'activation', 'recurrent_activation', 'unit_forget_bias', ...RNN_TAIL]),
  GRU: layer(['units', 'activation', 'recurrent_activation', 'reset_after', ...RNN_TAIL]),
  Bidirectional: layer(['layer', 'merge_mode']),
  TimeDistributed: layer(['layer']),
  Concatenate: layer(['axis']),
  Add: layer([]),
  Subtract: layer([]),
  Multiply: layer([]),
  Average: layer([]),
  Maximum: layer([]),
  Minimum: layer([]),
  Dot: layer(['axes', 'normalize']),
  // Ports: query, value (absent: the query, self-attention), key (absent: the value).
  MultiHeadAttention: layer(
    [
      'num_heads',
      'key_dim',
      'value_dim',
      'dropout',
      'use_bias',
      'output_shape',
      'attention_axes',
      'kernel_initializer',
      'bias_initializer',
      'kernel_regularizer',
      'bias_regularizer',
    ],
    {
      callArgs: ['use_causal_mask'],
      callInputs: ([query = '', value = query, key]) => [query, value, ...(key ? [`key=${key}`] : [])].join(', '),
    },
  ),
  PositionEmbedding: layer(['sequence_length', 'initializer'], { module: 'keras_hub.layers' }),
  TokenAndPositionEmbedding: layer(
    ['vocabulary_size', 'sequence_length', 'embedding_dim', 'embeddings_initializer', 'mask_zero'],
    { module: 'keras_hub.layers' },
  ),
};

/** Activation names Keras 3 resolves to the same function tfjs runs. */
export const KERAS3_SAME_ACTIVATIONS: ReadonlySet<string> = new Set([
  'linear',
  'relu',
  'relu6',
  'elu',
  'selu',
  'sigmoid',
  'tanh',
  'softmax',
  'softplus',
  'softsign',
  'swish',
  'mish',
  // tfjs 4.22's gelu is the exact erf form, as is Keras 3's default (approximate=False).
  'gelu',
]);

/**
 * Initializers as Keras 3 expressions with tfjs's parameters written out (tfjs and Keras 3
 * agree on them today; writing them keeps that true if a default ever moves).
 */
export const KERAS3_INITIALIZERS: Readonly<Record<string, string>> = {
  GlorotUniform: 'keras.initializers.GlorotUniform()',
  GlorotNormal: 'keras.initializers.GlorotNormal()',
  HeUniform: 'keras.initializers.HeUniform()',
  HeNormal: 'keras.initializers.HeNormal()',
  LecunUniform: 'keras.initializers.LecunUniform()',
  LecunNormal: 'keras.initializers.LecunNormal()',
  RandomUniform: 'keras.initializers.RandomUniform(minval=-0.05, maxval=0.05)',
  RandomNormal: 'keras.initializers.RandomNormal(mean=0.0, stddev=0.05)',
  TruncatedNormal: 'keras.initializers.TruncatedNormal(mean=0.0, stddev=0.05)',
  Orthogonal: 'keras.initializers.Orthogonal(gain=1.0)',
  Zeros: 'keras.initializers.Zeros()',
  Ones: 'keras.initializers.Ones()',
};
