import type { LayerFamily } from '../family';
import { attentionFamily } from './attention';
import { convFamily } from './conv';
import { coreFamily } from './core';
import { mergeFamily } from './merge';
import { normalizationFamily } from './normalization';
import { poolingFamily } from './pooling';
import { recurrentFamily } from './recurrent';
import { reshapeFamily } from './reshape';

/** Every family the PyTorch export writes; a layer type in none of them is refused by name. */
export const PYTORCH_FAMILIES: readonly LayerFamily[] = [
  coreFamily,
  reshapeFamily,
  convFamily,
  poolingFamily,
  normalizationFamily,
  mergeFamily,
  recurrentFamily,
  attentionFamily,
];
