// Types of layers.js (a plain ES module shipped as is in the export) for the TypeScript core and tests.

/** Registers Layerloom's own layers with a TensorFlow.js (the page's, or Node's). */
export function registerLayers(tf: unknown): void;
/** The class names registerLayers adds: a model.json naming one of them needs layers.js. */
export const LAYERLOOM_LAYERS: readonly string[];
