import type { LayerSpec } from '../spec';

export const mergeSpecs: LayerSpec[] = [];
