import type { LayerSpec } from '../spec';

export const activationSpecs: LayerSpec[] = [];
