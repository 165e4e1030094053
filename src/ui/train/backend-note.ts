/**
 * Why a wasm backend label says "1 thread", for the Train page's backend line. The train worker
 * starts wasm with one thread (setupWasm's default, src/training/backend-wasm.ts): several threads
 * need cross-origin isolation for SharedArrayBuffer and an unminified worker bundle, and in the
 * trials two threads slowed small models down. Null when the label is not a one-thread wasm.
 */
export function threadNote(label: string, crossOriginIsolated: boolean): { short: string; long: string } | null {
  if (!/^wasm\b.*· 1 thread\b/.test(label)) return null;
  if (!crossOriginIsolated)
    return {
      short: 'one thread: this page is not cross-origin isolated',
      long: 'Several wasm threads need SharedArrayBuffer, which browsers only allow on cross-origin isolated pages (COOP and COEP headers). This page is served without them.',
    };
  return {
    short: 'one thread: Layerloom trains wasm single-threaded',
    long: 'Multi-threaded wasm needs an unminified worker bundle, and in the backend trials two threads sped a CNN up 18% but slowed an MLP down 32%; so wasm runs on one thread.',
  };
}
