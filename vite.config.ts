import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, CSP_HEADER } from './csp.config';

/**
 * Cross-origin isolation (COOP same-origin + COEP require-corp) makes `crossOriginIsolated` true,
 * which tfjs-backend-wasm needs for SharedArrayBuffer and threads. Sent by both `vite` (dev) and
 * `vite preview`; the exported deploy page must send the same headers.
 */
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/**
 * The built page carries the CSP as a meta tag. Not in dev: Vite's dev server injects inline
 * scripts (React refresh), which the policy would rightly block.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'layerloom-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  server: { headers: crossOriginIsolation },
  preview: { headers: { ...crossOriginIsolation, 'Content-Security-Policy': CSP_HEADER }, port: 4173 },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
});
