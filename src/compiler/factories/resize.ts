import type { LayerFactory } from './types';

export const resizeFactories: Record<string, LayerFactory> = {};
