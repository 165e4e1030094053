import { describe, expect, it } from 'vitest';
import { importanceScale, importanceTint, pieceBuffer, signed, tokenLabel } from './text-view';

describe('importance colours', () => {
  it('tints by sign and by share of the largest importance', () => {
    const values = [0.2, -0.1, 0, 0.05];
    const scale = importanceScale(values);
    expect(scale).toBeCloseTo(0.2);
    expect(importanceTint(0.2, scale)).toEqual({ sign: 'for', alpha: 0.75 });
    expect(importanceTint(-0.1, scale)).toEqual({ sign: 'against', alpha: 0.375 });
    expect(importanceTint(0, scale)).toEqual({ sign: 'none', alpha: 0 });
  });

  it('keeps tiny importances pale instead of scaling them up to full colour', () => {
    const scale = importanceScale([0.001, -0.0005]);
    expect(importanceTint(0.001, scale).alpha).toBeLessThan(0.05);
  });

  it('writes signed changes and visible whitespace', () => {
    expect(signed(0.1234)).toBe('+0.123');
    expect(signed(-0.05)).toBe('−0.050');
    expect(tokenLabel('a b\n')).toBe('a␣b↵');
    expect(tokenLabel('')).toBe('∅');
  });
});

describe('pieceBuffer', () => {
  it('hands on every piece in order, once per frame', () => {
    const frames: (() => void)[] = [];
    const flushed: string[] = [];
    const buffer = pieceBuffer(
      (t) => flushed.push(t),
      (fn) => {
        frames.push(fn);
        return () => frames.splice(frames.indexOf(fn), 1);
      },
    );
    buffer.push('a');
    buffer.push('b');
    buffer.push('c');
    expect(frames).toHaveLength(1);
    expect(flushed).toEqual([]);
    frames.shift()!();
    expect(flushed).toEqual(['abc']);
    buffer.push('d');
    buffer.drain();
    expect(flushed).toEqual(['abc', 'd']);
    expect(frames).toHaveLength(0);
    buffer.push('e');
    buffer.cancel();
    expect(frames).toHaveLength(0);
    expect(flushed).toEqual(['abc', 'd']);
  });
});
