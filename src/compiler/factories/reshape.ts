import type { LayerFactory } from './types';

export const reshapeFactories: Record<string, LayerFactory> = {};
