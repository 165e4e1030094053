import type { LayerSpec } from '../spec';

export const resizeSpecs: LayerSpec[] = [];
