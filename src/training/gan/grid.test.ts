import { describe, expect, it } from 'vitest';
import { sampleGrid } from './grid';

describe('sampleGrid', () => {
  it('lays 3 grey 2×2 images in rows of 2 with a 1-pixel gap, clamped to [0, 1]', () => {
    const images = Float32Array.from([0, 1, 0.5, 2, 1, 1, 1, 1, 0, 0, 0, -1]);
    const grid = sampleGrid(images, 3, [2, 2, 1], 2);
    expect([grid.width, grid.height]).toEqual([5, 5]);
    const px = (x: number, y: number) => Array.from(grid.rgba.subarray((y * 5 + x) * 4, (y * 5 + x) * 4 + 4));
    expect(px(1, 0)).toEqual([255, 255, 255, 255]);
    expect(px(0, 1)).toEqual([128, 128, 128, 255]);
    expect(px(1, 1)).toEqual([255, 255, 255, 255]);
    expect(px(2, 0)).toEqual([0, 0, 0, 0]); // the gap stays transparent
    expect(px(3, 0)).toEqual([255, 255, 255, 255]);
    expect(px(1, 4)).toEqual([0, 0, 0, 255]); // third image, second row, clamped from −1
  });
});
