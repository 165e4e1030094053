import type { LayerSpec } from '../spec';

export const recurrentSpecs: LayerSpec[] = [];
