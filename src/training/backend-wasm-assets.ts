/// <reference types="vite/client" />
/**
 * Browser only (Vite): the three tfjs-backend-wasm binaries as `?url` imports. Vite copies them
 * into the build (dist/assets/<name>-<hash>.wasm) and serves them from node_modules in dev, so
 * they always come from our own origin: nothing is fetched from a CDN. setupWasm() imports this
 * module dynamically, and only outside Node, where tfjs finds the files next to its own code.
 */
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const bundledWasmPaths = {
  'tfjs-backend-wasm.wasm': plainUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
} as const;
