import type { LayerSpec } from '../spec';
import { activationSpecs } from './activations';
import { attentionSpecs } from './attention';
import { convSpecs } from './conv';
import { Dense } from './dense';
import { dropoutSpecs } from './dropout';
import { InputLayer } from './input';
import { mergeSpecs } from './merge';
import { normalizationSpecs } from './normalization';
import { poolingSpecs } from './pooling';
import { recurrentSpecs } from './recurrent';
import { reshapeSpecs } from './reshape';
import { resizeSpecs } from './resize';

/** Every layer type, in palette order. Adding a layer: one spec file, listed here. */
export const allLayerSpecs: readonly LayerSpec[] = [
  InputLayer,
  Dense,
  ...activationSpecs,
  ...dropoutSpecs,
  ...reshapeSpecs,
  ...convSpecs,
  ...poolingSpecs,
  ...resizeSpecs,
  ...normalizationSpecs,
  ...recurrentSpecs,
  ...attentionSpecs,
  ...mergeSpecs,
];
