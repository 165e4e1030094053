import { describe, expect, it } from 'vitest';
import { threadNote } from './backend-note';

describe('the reason for one wasm thread', () => {
  it('names cross-origin isolation when the page lacks it, the app\'s choice when it has it', () => {
    expect(threadNote('wasm · SIMD · 1 thread', false)?.short).toMatch(/not cross-origin isolated/);
    expect(threadNote('wasm · SIMD · 1 thread', true)?.short).toMatch(/^one thread: /);
  });
  it('says nothing for several threads or other backends', () => {
    expect(threadNote('wasm · SIMD · 2 threads', true)).toBeNull();
    expect(threadNote('WebGL · ANGLE (1 thread)', true)).toBeNull();
  });
});
