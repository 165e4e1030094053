import type { LayerSpec } from '../spec';

export const reshapeSpecs: LayerSpec[] = [];
