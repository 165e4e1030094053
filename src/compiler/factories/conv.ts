import type { LayerFactory } from './types';

export const convFactories: Record<string, LayerFactory> = {};
