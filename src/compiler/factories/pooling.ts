import type { LayerFactory } from './types';

export const poolingFactories: Record<string, LayerFactory> = {};
