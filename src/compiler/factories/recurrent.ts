import type { LayerFactory } from './types';

export const recurrentFactories: Record<string, LayerFactory> = {};
