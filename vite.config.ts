import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Cross-origin isolation (COOP same-origin + COEP require-corp) makes `crossOriginIsolated` true,
 * which tfjs-backend-wasm needs for SharedArrayBuffer and threads. Sent by both `vite` (dev) and
 * `vite preview`; the exported deploy page must send the same headers.
 */
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

export default defineConfig({
  plugins: [react()],
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation, port: 4173 },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
});
