import { activationsFactories } from './activations';
import { attentionFactories } from './attention';
import { convFactories } from './conv';
import { coreFactories } from './core';
import { dropoutFactories } from './dropout';
import { mergeFactories } from './merge';
import { normalizationFactories } from './normalization';
import { poolingFactories } from './pooling';
import { recurrentFactories } from './recurrent';
import { reshapeFactories } from './reshape';
import { resizeFactories } from './resize';
import type { LayerFactory } from './types';

/** One factory per layer type (Input is built by the compiler itself). */
export const layerFactories: Record<string, LayerFactory> = {
  ...coreFactories,
  ...activationsFactories,
  ...dropoutFactories,
  ...reshapeFactories,
  ...convFactories,
  ...poolingFactories,
  ...resizeFactories,
  ...normalizationFactories,
  ...recurrentFactories,
  ...mergeFactories,
  ...attentionFactories,
};
