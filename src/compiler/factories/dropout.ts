import type { LayerFactory } from './types';

export const dropoutFactories: Record<string, LayerFactory> = {};
