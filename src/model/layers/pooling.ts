import type { LayerSpec } from '../spec';

export const poolingSpecs: LayerSpec[] = [];
