/**
 * Test-only graphs (imported by the *.test.ts files here, never by app code) covering what the
 * templates do not: several inputs and outputs, every layer family, awkward options and names.
 */
import { analyzeGraph } from '../../model/analyze';
import { buildGraph } from '../../model/build';
import { incomingEdges, type Graph, type LayerNode, type Shape } from '../../model/graph';
import { getSpec, layerWeights } from '../../model/registry';
import { elementCount, type LayerWeights } from '../../model/weights';

/** Two inputs, a merge, two outputs. */
export const multiInputGraph = (): Graph =>
  buildGraph([
    { type: 'Input', name: 'left', params: { shape: [6] }, id: 'a' },
    { type: 'Input', name: 'right', params: { shape: [6] }, id: 'b' },
    { type: 'Dense', name: 'left_dense', params: { units: 5, activation: 'relu' }, from: ['a'], id: 'da' },
    { type: 'Dense', name: 'right_dense', params: { units: 5, activation: 'tanh' }, from: ['b'], id: 'db' },
    { type: 'Add', name: 'sum', from: ['da', 'db'], id: 'add' },
    { type: 'Concatenate', name: 'joined', from: ['add', 'da'], id: 'cat' },
    { type: 'Dense', name: 'score', params: { units: 1, activation: 'sigmoid' }, from: ['cat'] },
    { type: 'Dense', name: 'kind', params: { units: 3, activation: 'softmax' }, from: ['add'] },
  ]);

/** Sequences: recurrent layers and wrappers with the options whose defaults differ between tfjs and Keras 3. */
export const sequenceGraph = (): Graph =>
  buildGraph([
    { type: 'Input', name: 'seq', params: { shape: [12, 8] }, id: 'seq' },
    { type: 'GRU', params: { units: 6, return_sequences: true, recurrent_activation: 'hard_sigmoid' } },
    {
      type: 'Bidirectional',
      params: { layer: 'LSTM', units: 4, go_backwards: true, return_sequences: true, merge_mode: 'concat' },
    },
    { type: 'LeakyReLU', params: { alpha: 0.2 } },
    { type: 'Conv1D', params: { filters: 4, kernel_size: [3], padding: 'causal', activation: 'selu' } },
    { type: 'SpatialDropout1D', params: { rate: 0.1, trainable: false } },
    { type: 'TimeDistributed', params: { units: 3, activation: 'relu', kernel_regularizer: { l1: 0, l2: 0.01 } } },
    { type: 'LayerNormalization' },
    { type: 'GlobalAveragePooling1D', id: 'gap' },
    { type: 'Input', name: 'ids', params: { shape: [10], dtype: 'int32' }, id: 'ids' },
    { type: 'Embedding', params: { input_dim: 50, output_dim: 3, input_length: 10 }, from: ['ids'] },
    { type: 'SimpleRNN', params: { units: 3, trainable: false }, id: 'rnn' },
    { type: 'Dot', params: { axes: [-1, -1], normalize: true }, from: ['gap', 'rnn'] },
    { type: 'Dense', name: 'out', params: { units: 1 } },
  ]);

/** Images: the convolution, pooling, resizing and normalization families. */
export const imageGraph = (): Graph =>
  buildGraph([
    { type: 'Input', params: { shape: [16, 16, 3] } },
    { type: 'ZeroPadding2D', params: { padding: [1, 2, 0, 1] } },
    { type: 'SeparableConv2D', params: { filters: 6, kernel_size: [3, 3], depth_multiplier: 2, activation: 'gelu' } },
    { type: 'DepthwiseConv2D', params: { kernel_size: [3, 3], padding: 'same', kernel_initializer: 'HeNormal' } },
    { type: 'BatchNormalization', params: { momentum: 0.9, scale: false } },
    { type: 'PReLU', params: { shared_axes: [1, 2] } },
    { type: 'Cropping2D', params: { cropping: [1, 0, 0, 1] } },
    { type: 'AveragePooling2D', params: { pool_size: [2, 2], strides: [1, 1] } },
    { type: 'SpatialDropout2D', params: { rate: 0.2 } },
    { type: 'ELU' },
    { type: 'Conv2DTranspose', params: { filters: 2, kernel_size: [2, 2], strides: [2, 2], activation: 'swish' } },
    { type: 'UpSampling2D', params: { size: [2, 1], interpolation: 'bilinear' } },
    { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
    { type: 'Reshape', params: { target_shape: [-1, 2] } },
    { type: 'Permute', params: { dims: [2, 1] } },
    { type: 'Flatten' },
    { type: 'Dropout', params: { rate: 0.3, seed: 7 } },
    { type: 'RepeatVector', params: { n: 2 } },
    { type: 'GlobalMaxPooling1D', params: { keepdims: true } },
    { type: 'Flatten', name: 'flat_again' },
    { type: 'ReLU', params: { max_value: 6 } },
    { type: 'Dense', params: { units: 4, activation: 'mish', kernel_initializer: 'LecunNormal' } },
    { type: 'Activation', params: { activation: 'hard_sigmoid' } },
    { type: 'Softmax' },
  ]);

/** Names that would break naive code generation (invalid in the app, but Keras takes most of them). */
export const awkwardNamesGraph = (): Graph =>
  buildGraph([
    { type: 'Input', name: 'in\'put "x"', params: { shape: [3] } },
    { type: 'Dense', name: 'back\\slash\nnew line', params: { units: 2 } },
    { type: 'Dense', name: 'naïve 日本 🧠', params: { units: 2 } },
    { type: 'Dense', name: 'block/dense', params: { units: 2 } },
    { type: 'Dense', name: "'); import os #", params: { units: 1 } },
  ]);

/**
 * Weights where every value says where it belongs: weight number k (in export order) holds
 * k·1000 + 0, k·1000 + 1, … (exact in float32 for the small test models).
 */
export function markedWeights(graph: Graph): LayerWeights {
  const analysis = analyzeGraph(graph);
  const out: LayerWeights = {};
  let k = 0;
  for (const id of analysis.order) {
    const node = graph.nodes.find((n) => n.id === id) as LayerNode;
    const spec = getSpec(node.type);
    if (!spec || node.type === 'Input') continue;
    const inShapes = incomingEdges(graph, id).map((e) => analysis.shapes.get(e.source) as Shape);
    const specs = layerWeights(spec, inShapes, node.params);
    if (specs.length === 0) continue;
    out[node.name] = specs.map((w) => {
      const base = 1000 * k++;
      return {
        name: w.name,
        shape: [...w.shape],
        values: Float32Array.from({ length: elementCount(w.shape) }, (_, i) => base + i),
      };
    });
  }
  return out;
}
