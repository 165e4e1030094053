import { activationConverters } from './activations';
import { attentionConverters } from './attention';
import type { LayerConverter } from './builder';
import { convConverters } from './conv';
import { coreConverters } from './core';
import { mergeConverters } from './merge';
import { normalizationConverters } from './normalization';
import { poolingConverters } from './pooling';
import { recurrentConverters } from './recurrent';

/** One converter per layer type (Input becomes a graph input). A type missing here is refused by name. */
export const onnxConverters: Readonly<Record<string, LayerConverter>> = {
  ...coreConverters,
  ...activationConverters,
  ...convConverters,
  ...poolingConverters,
  ...normalizationConverters,
  ...mergeConverters,
  ...recurrentConverters,
  ...attentionConverters,
};
