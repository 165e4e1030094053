import type { LayerSpec } from '../spec';

export const dropoutSpecs: LayerSpec[] = [];
