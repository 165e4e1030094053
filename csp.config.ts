/**
 * The Content-Security-Policy of the app (sent by `vite preview` and written into the built
 * index.html as a meta tag, so any static host enforces it too). No inline script and no eval:
 * only 'wasm-unsafe-eval', which tfjs-backend-wasm needs to compile its .wasm. Workers load from
 * our own origin; nothing is ever fetched from elsewhere (connect-src 'self').
 */
const directives: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'worker-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
};

export const CONTENT_SECURITY_POLICY = Object.entries(directives)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** Header-only directives (a meta tag cannot carry them). */
export const CSP_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
