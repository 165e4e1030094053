import { describe, expect, it } from 'vitest';
import { formatFlops } from './cost';

describe('formatFlops', () => {
  it('puts a space between the number and its unit', () => {
    expect(formatFlops(0)).toBe('0 FLOPs');
    expect(formatFlops(950)).toBe('950 FLOPs');
    expect(formatFlops(1_200_000)).toBe('1.2 MFLOPs');
    expect(formatFlops(3_400_000_000)).toBe('3.4 GFLOPs');
    expect(formatFlops(45_600)).toBe('45.6 KFLOPs');
  });
});
