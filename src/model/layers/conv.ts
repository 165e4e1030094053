import type { LayerSpec } from '../spec';

export const convSpecs: LayerSpec[] = [];
