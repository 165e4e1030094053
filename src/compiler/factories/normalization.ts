import type { LayerFactory } from './types';

export const normalizationFactories: Record<string, LayerFactory> = {};
