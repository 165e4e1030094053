import { fashionBackbone, frozenDrafts } from './backbones';
import { addBlock, reuseBlock } from './block-ops';
import { buildGraph, type LayerDraft } from './build';
import type { Graph } from './graph';
import { connect, removeElements } from './graph-ops';
import { DEFAULT_TRANSFORMER_SIZES, READY_BLOCKS, type ReadyBlock, type TransformerSizes } from './ready-blocks';

/**
 * The data a template trains on: `table` (CSV rows), `image`, `text` (text classification),
 * `text-lm` (one text to continue, language modelling), or `none` when the trainer cannot feed
 * it yet (several inputs, reconstruction targets).
 */
export type TemplateData = 'table' | 'image' | 'text' | 'text-lm' | 'mixed' | 'none';

export interface Template {
  id: string;
  title: string;
  description: string;
  /** The kind of data it expects, shown on the gallery card. */
  task: string;
  /** What `layerloom train --template` and the gallery can size it to. */
  data: readonly TemplateData[];
  drafts: readonly LayerDraft[];
  /**
   * Ready blocks inserted after the draft with id `after`: `count` linked instances of one
   * definition in a chain (e.g. a Transformer encoder ×2).
   */
  blocks?: {
    readonly after: string;
    readonly ready: ReadyBlock['id'];
    readonly count: number;
    readonly sizes: Partial<TransformerSizes>;
  };
  /**
   * Folder under public/ (ending in `/`) with a TensorFlow.js `model.json` + weights for the layers
   * of the same name; load them with `loadPretrainedTemplate` (pretrained.ts). Absent: fresh weights.
   */
  weights?: string;
}

const conv = (filters: number, extra: Record<string, unknown> = {}): LayerDraft => ({
  type: 'Conv2D',
  params: { filters, kernel_size: [3, 3], padding: 'same', activation: 'relu', ...extra } as LayerDraft['params'],
});

export const templates: readonly Template[] = [
  {
    id: 'mlp-binary',
    title: 'MLP binary classifier',
    description: 'Two hidden Dense layers and one sigmoid unit: yes/no questions on tabular data.',
    task: 'Tabular · binary',
    data: ['table'],
    drafts: [
      { type: 'Input', params: { shape: [10] } },
      { type: 'Dense', params: { units: 128, activation: 'relu' } },
      { type: 'Dense', params: { units: 64, activation: 'relu' } },
      { type: 'Dense', params: { units: 1, activation: 'sigmoid' } },
    ],
  },
  {
    id: 'mnist-cnn',
    title: 'MNIST CNN',
    description: 'The classic digit recogniser: one convolution, pooling, and a Dense head.',
    task: 'Images 28×28 · 10 classes',
    data: ['image'],
    drafts: [
      { type: 'Input', params: { shape: [28, 28, 1] } },
      { type: 'Conv2D', params: { filters: 32, kernel_size: [3, 3], activation: 'relu' } },
      { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
      { type: 'Flatten' },
      { type: 'Dense', params: { units: 128, activation: 'relu' } },
      { type: 'Dense', params: { units: 10, activation: 'softmax' } },
    ],
  },
  {
    id: 'cifar-cnn',
    title: 'CIFAR-style CNN',
    description: 'Three convolution blocks that double the filters, then Dropout and a softmax head.',
    task: 'Images 32×32 RGB · 10 classes',
    data: ['image'],
    drafts: [
      { type: 'Input', params: { shape: [32, 32, 3] } },
      conv(32),
      conv(32),
      { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
      conv(64),
      conv(64),
      { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
      conv(128),
      { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
      { type: 'Flatten' },
      { type: 'Dense', params: { units: 128, activation: 'relu' } },
      { type: 'Dropout', params: { rate: 0.5 } },
      { type: 'Dense', params: { units: 10, activation: 'softmax' } },
    ],
  },
  {
    id: 'lstm-text',
    title: 'LSTM text classifier',
    description: 'Token ids → Embedding → LSTM → sigmoid: sentiment or spam detection.',
    task: 'Text sequences · binary',
    data: ['text'],
    drafts: [
      { type: 'Input', params: { shape: [100], dtype: 'int32' } },
      { type: 'Embedding', params: { input_dim: 10000, output_dim: 64 } },
      { type: 'LSTM', params: { units: 64 } },
      { type: 'Dense', params: { units: 1, activation: 'sigmoid' } },
    ],
  },
  {
    id: 'text-classifier',
    title: 'Text classifier',
    description:
      'Token ids → token and position vectors → average and max over the tokens → Dense: fast topic, sentiment or language detection.',
    task: 'Text · classes',
    data: ['text'],
    // Max pooling over token + position vectors can tell where a token sits (a word's first piece
    // from a later one), which averaging alone cannot: on word-language a plain Embedding → average
    // reached 0.77 test accuracy, this 0.83 (issue 16). Dropout keeps 20 epochs from overfitting.
    drafts: [
      { type: 'Input', params: { shape: [64], dtype: 'int32' } },
      {
        type: 'TokenAndPositionEmbedding',
        params: { vocabulary_size: 2000, sequence_length: 64, embedding_dim: 64 },
        id: 'emb',
      },
      { type: 'GlobalAveragePooling1D', from: ['emb'], id: 'avg' },
      { type: 'GlobalMaxPooling1D', from: ['emb'], id: 'max' },
      { type: 'Concatenate', from: ['avg', 'max'] },
      { type: 'Dropout', params: { rate: 0.5 } },
      { type: 'Dense', params: { units: 64, activation: 'relu' } },
      { type: 'Dense', params: { units: 2, activation: 'softmax' } },
    ],
  },
  {
    id: 'text-transformer',
    title: 'Transformer text classifier',
    description:
      'Token and position embedding → two linked Transformer encoder blocks → average → softmax: text where word order and context matter.',
    task: 'Text · classes',
    data: ['text'],
    blocks: { after: 'emb', ready: 'transformer-encoder', count: 2, sizes: { dim: 32, heads: 2, keyDim: 16, ff: 64 } },
    drafts: [
      { type: 'Input', params: { shape: [64], dtype: 'int32' } },
      {
        type: 'TokenAndPositionEmbedding',
        params: { vocabulary_size: 2000, sequence_length: 64, embedding_dim: 32 },
        id: 'emb',
      },
      { type: 'GlobalAveragePooling1D' },
      { type: 'Dropout', params: { rate: 0.1 } },
      { type: 'Dense', params: { units: 2, activation: 'softmax' } },
    ],
  },
  {
    id: 'char-gpt',
    title: 'Tiny character GPT',
    description:
      'Token and position embedding → two causal Transformer decoder blocks → a softmax over the next character at every position: a model that writes.',
    task: 'Text · language model',
    data: ['text-lm'],
    blocks: {
      after: 'emb',
      ready: 'transformer-decoder',
      count: 2,
      sizes: { dim: 64, heads: 4, keyDim: 16, ff: 128, dropout: 0 },
    },
    drafts: [
      { type: 'Input', params: { shape: [64], dtype: 'int32' } },
      {
        type: 'TokenAndPositionEmbedding',
        params: { vocabulary_size: 80, sequence_length: 64, embedding_dim: 64 },
        id: 'emb',
      },
      { type: 'Dense', params: { units: 80, activation: 'softmax' } },
    ],
  },
  {
    id: 'recommendation',
    title: 'Recommendation (two embeddings)',
    description:
      'A user id and an item id, each through its own Embedding, joined and scored: will this user like this item?',
    task: 'Ids · user × item',
    data: ['mixed'],
    drafts: [
      { type: 'Input', name: 'user', params: { shape: [1], dtype: 'int32' }, id: 'u' },
      { type: 'Input', name: 'item', params: { shape: [1], dtype: 'int32' }, id: 'i' },
      { type: 'Embedding', name: 'user_embedding', params: { input_dim: 1000, output_dim: 16 }, from: ['u'], id: 'ue' },
      { type: 'Embedding', name: 'item_embedding', params: { input_dim: 1000, output_dim: 16 }, from: ['i'], id: 'ie' },
      { type: 'Flatten', name: 'user_vector', from: ['ue'], id: 'uf' },
      { type: 'Flatten', name: 'item_vector', from: ['ie'], id: 'if' },
      { type: 'Concatenate', from: ['uf', 'if'] },
      { type: 'Dense', params: { units: 32, activation: 'relu' } },
      { type: 'Dense', params: { units: 1, activation: 'sigmoid' } },
    ],
  },
  {
    id: 'text-table',
    title: 'Text + table (two Inputs)',
    description:
      'A text column read as token ids (Embedding, averaged) beside the numeric columns (Dense), joined and scored: a review and a price, a ticket and its fields.',
    task: 'Text and numbers · classes',
    data: ['mixed'],
    drafts: [
      { type: 'Input', name: 'text', params: { shape: [64], dtype: 'int32' }, id: 't' },
      { type: 'Input', name: 'features', params: { shape: [4] }, id: 'f' },
      {
        type: 'Embedding',
        name: 'token_embedding',
        params: { input_dim: 2000, output_dim: 16 },
        from: ['t'],
        id: 'te',
      },
      { type: 'GlobalAveragePooling1D', name: 'text_vector', from: ['te'], id: 'tv' },
      { type: 'Dense', name: 'feature_vector', params: { units: 16, activation: 'relu' }, from: ['f'], id: 'fv' },
      { type: 'Concatenate', from: ['tv', 'fv'] },
      { type: 'Dense', params: { units: 32, activation: 'relu' } },
      { type: 'Dense', params: { units: 1, activation: 'sigmoid' } },
    ],
  },
  {
    id: 'gru-regressor',
    title: 'GRU time-series regressor',
    description: 'A window of past readings, read as a sequence (Reshape to steps × 1) → GRU → the next value.',
    task: 'Time series · regression',
    data: ['table'],
    drafts: [
      { type: 'Input', params: { shape: [30] } },
      { type: 'Reshape', params: { target_shape: [30, 1] } },
      { type: 'GRU', params: { units: 32 } },
      { type: 'Dense', params: { units: 16, activation: 'relu' } },
      { type: 'Dense', params: { units: 1 } },
    ],
  },
  {
    id: 'resnet-block',
    title: 'ResNet-style residual block',
    description: 'Two convolutions whose output is added back to their input (a skip connection).',
    task: 'Images 32×32 RGB · 10 classes',
    data: ['image'],
    drafts: [
      { type: 'Input', params: { shape: [32, 32, 3] }, id: 'in' },
      { ...conv(16), id: 'stem' },
      { ...conv(16), id: 'c1' },
      { type: 'Conv2D', params: { filters: 16, kernel_size: [3, 3], padding: 'same' }, id: 'c2' },
      { type: 'Add', id: 'add', from: ['stem', 'c2'] },
      { type: 'ReLU', id: 'relu' },
      { type: 'GlobalAveragePooling2D' },
      { type: 'Dense', params: { units: 10, activation: 'softmax' } },
    ],
  },
  {
    id: 'two-input',
    title: 'Two inputs joined',
    description: 'Two feature sets, each with its own Dense branch, joined by Concatenate.',
    task: 'Tabular · two sources',
    data: ['none'],
    drafts: [
      { type: 'Input', name: 'customer', params: { shape: [8] }, id: 'a' },
      { type: 'Input', name: 'product', params: { shape: [4] }, id: 'b' },
      { type: 'Dense', params: { units: 16, activation: 'relu' }, from: ['a'], id: 'da' },
      { type: 'Dense', params: { units: 8, activation: 'relu' }, from: ['b'], id: 'db' },
      { type: 'Concatenate', from: ['da', 'db'] },
      { type: 'Dense', params: { units: 1, activation: 'sigmoid' } },
    ],
  },
  {
    id: 'conv-autoencoder',
    title: 'Convolutional autoencoder',
    description: 'Squeeze an image to a small code and rebuild it with transposed convolutions and upsampling.',
    task: 'Images 28×28 · reconstruction',
    data: ['none'],
    drafts: [
      { type: 'Input', params: { shape: [28, 28, 1] } },
      conv(16),
      { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
      conv(8),
      { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
      {
        type: 'Conv2DTranspose',
        params: { filters: 8, kernel_size: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu' },
      },
      { type: 'UpSampling2D', params: { size: [2, 2] } },
      { type: 'Conv2D', params: { filters: 1, kernel_size: [3, 3], padding: 'same', activation: 'sigmoid' } },
    ],
  },
  {
    id: 'transfer-fashion',
    title: 'Transfer learning',
    description:
      'A small CNN pretrained on Fashion-MNIST, frozen (🔒), with a new softmax head: only the head learns, so a few epochs on a small image set go a long way.',
    task: 'Images 28×28 grayscale · 10 classes',
    data: ['image'],
    weights: fashionBackbone.weights,
    drafts: [
      ...frozenDrafts(fashionBackbone),
      { type: 'Dense', name: 'classifier', params: { units: 10, activation: 'softmax' } },
    ],
  },
];

export function templateGraph(id: string): Graph {
  const t = templates.find((x) => x.id === id);
  if (!t) throw new Error(`Unknown template ${id}`);
  const graph = buildGraph(t.drafts);
  return t.blocks ? withBlockChain(graph, t.blocks) : graph;
}

/**
 * Puts `count` linked instances of a ready block between `after` and what it fed. Block-ops make
 * fresh ids; a template's ids are renamed to fixed ones so the same template is the same graph.
 */
function withBlockChain(graph: Graph, plan: NonNullable<Template['blocks']>): Graph {
  const ready = READY_BLOCKS.find((b) => b.id === plan.ready)!;
  const out = graph.edges.filter((e) => e.source === plan.after);
  const at = graph.nodes.find((n) => n.id === plan.after)!.position;
  const def = ready.build({ ...DEFAULT_TRANSFORMER_SIZES, ...plan.sizes });
  const first = addBlock(
    removeElements(
      graph,
      [],
      out.map((e) => e.id),
    ),
    def,
    { x: at.x, y: at.y + 140 },
  );
  if (!first.ok) throw new Error(first.reason);
  let g = first.graph;
  const made = [first.ids[0]!];
  for (let i = 1; i < plan.count; i++) {
    const next = reuseBlock(g, made[0]!, true);
    if (!next.ok) throw new Error(next.reason);
    g = next.graph;
    made.push(next.ids[0]!);
  }
  const fixedId = new Map(made.map((id, i) => [id, `${plan.ready}-${i + 1}`]));
  const key = Object.keys(g.blocks ?? {})[0]!;
  g = {
    nodes: g.nodes.map((n) =>
      fixedId.has(n.id) ? { ...n, id: fixedId.get(n.id)!, params: { ...n.params, block: plan.ready } } : n,
    ),
    edges: g.edges,
    blocks: { [plan.ready]: g.blocks![key]! },
  };
  const chain = made.map((id) => fixedId.get(id)!);
  const links: [string, string][] = [[plan.after, chain[0]!]];
  for (let i = 1; i < chain.length; i++) links.push([chain[i - 1]!, chain[i]!]);
  for (const e of out) links.push([chain.at(-1)!, e.target]);
  for (const [source, target] of links) {
    const r = connect(g, source, target, `e-${source}-${target}`);
    if (!r.ok) throw new Error(r.reason);
    g = r.graph;
  }
  return g;
}
