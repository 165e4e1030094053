import type { LayerFactory } from './types';

export const mergeFactories: Record<string, LayerFactory> = {};
