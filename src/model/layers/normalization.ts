import type { LayerSpec } from '../spec';

export const normalizationSpecs: LayerSpec[] = [];
