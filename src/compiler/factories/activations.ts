import type { LayerFactory } from './types';

export const activationsFactories: Record<string, LayerFactory> = {};
