// The flags every headless Chromium of ours starts with (the tests, the screens, the benches, the
// browser check): no QUIC, sync, component updates or background networking, so the browser itself
// makes no request beyond the page's own; WebGPU on (SwiftShader where there is no GPU).
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];
