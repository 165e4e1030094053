import type { LayerDraft } from './build';

/**
 * Pretrained feature extractors we train ourselves (scripts/build-backbone.ts) and ship under
 * public/models/. The drafts here are the single definition both the build script and the
 * transfer-learning template use, so the layer names and weight shapes cannot drift apart:
 * weights are matched to layers by name.
 */
export interface Backbone {
  readonly id: string;
  /** Folder under public/ holding model.json and weights.bin, ending in `/`. */
  readonly weights: string;
  /** Input first, feature layer last; every name is explicit. */
  readonly drafts: readonly LayerDraft[];
}

/**
 * A small CNN trained on Fashion-MNIST 28×28 grayscale: 128 features from a ReLU Dense layer
 * (about 0.8 MB of float32 weights).
 * Flatten rather than global pooling keeps where a stroke is, which the features need to tell
 * digits apart when they are reused on other 28×28 images.
 */
export const fashionBackbone: Backbone = {
  id: 'fashion-backbone',
  weights: 'models/fashion-backbone/',
  drafts: [
    { type: 'Input', name: 'image', params: { shape: [28, 28, 1] } },
    {
      type: 'Conv2D',
      name: 'fb_conv1',
      params: { filters: 16, kernel_size: [3, 3], padding: 'same', activation: 'relu' },
    },
    { type: 'MaxPooling2D', name: 'fb_pool1', params: { pool_size: [2, 2] } },
    {
      type: 'Conv2D',
      name: 'fb_conv2',
      params: { filters: 32, kernel_size: [3, 3], padding: 'same', activation: 'relu' },
    },
    { type: 'MaxPooling2D', name: 'fb_pool2', params: { pool_size: [2, 2] } },
    { type: 'Flatten', name: 'fb_flatten' },
    { type: 'Dense', name: 'fb_features', params: { units: 128, activation: 'relu' } },
  ],
};

/** The backbone's layers with `trainable: false`, the Input left as it is. */
export function frozenDrafts(backbone: Backbone): LayerDraft[] {
  return backbone.drafts.map((d) => (d.type === 'Input' ? d : { ...d, params: { ...d.params, trainable: false } }));
}

/**
 * The 10-class softmax head that taught the Fashion-MNIST backbone, saved on its own (its input is
 * the backbone's 128 features) in public/models/fashion-classifier-head/ so the backbone's files
 * stay as they were. Backbone + head is the classifier the GAN's Inception-style score asks.
 */
export const fashionClassifierHead: Backbone = {
  id: 'fashion-classifier-head',
  weights: 'models/fashion-classifier-head/',
  drafts: [
    { type: 'Input', name: 'features', params: { shape: [128] } },
    { type: 'Dense', name: 'fashion_classes', params: { units: 10, activation: 'softmax' } },
  ],
};
