import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import { centerCropRect, chooseImageSize, imageSizeFromGraph, imageTransform, rgbaToInput } from './transform';

describe('rgbaToInput', () => {
  const rgba = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 0]);

  it('scales RGB to [0, 1] in [height, width, channels] order, compositing transparency onto black', () => {
    expect(Array.from(rgbaToInput(rgba, 2, 2, 3))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]);
  });

  it('converts to BT.601 luma for one channel', () => {
    const gray = rgbaToInput(rgba, 2, 2, 1);
    expect(Array.from(gray).map((v) => +v.toFixed(4))).toEqual([0.299, 0.587, 0.114, 0]);
  });

  it('half alpha halves the value; writes at an offset into a given buffer', () => {
    const out = new Float32Array(5);
    rgbaToInput(Uint8Array.from([255, 255, 255, 51]), 1, 1, 3, out, 2);
    expect(Array.from(out).map((v) => +v.toFixed(4))).toEqual([0, 0, 0.2, 0.2, 0.2]);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => rgbaToInput(new Uint8Array(12), 2, 2, 3)).toThrow('expected 16 RGBA bytes for 2×2, got 12');
  });
});

describe('image size from the model', () => {
  it("reads the single Input's [h, w, c]", () => {
    const g = buildGraph([{ type: 'Input', params: { shape: [28, 24, 1] } }, { type: 'Flatten' }]);
    expect(imageSizeFromGraph(g)).toEqual({ width: 24, height: 28, channels: 1 });
    expect(chooseImageSize(g)).toEqual({ width: 24, height: 28, channels: 1 });
  });

  it('falls back to 32 × 32 RGB for a flat input, four channels, or no model', () => {
    expect(chooseImageSize(buildGraph([{ type: 'Input', params: { shape: [10] } }]))).toEqual({
      width: 32,
      height: 32,
      channels: 3,
    });
    expect(imageSizeFromGraph(buildGraph([{ type: 'Input', params: { shape: [8, 8, 4] } }]))).toBeNull();
    expect(chooseImageSize(null)).toEqual({ width: 32, height: 32, channels: 3 });
  });
});

describe('centerCropRect', () => {
  it('cuts the sides of a wide image and the top and bottom of a tall one', () => {
    expect(centerCropRect(400, 200, 32, 32)).toEqual({ sx: 100, sy: 0, sw: 200, sh: 200 });
    expect(centerCropRect(100, 300, 20, 10)).toEqual({ sx: 0, sy: 125, sw: 100, sh: 50 });
  });
});

it('imageTransform describes the preprocessing', () => {
  expect(imageTransform({ width: 8, height: 6, channels: 3 })).toEqual({
    kind: 'image',
    width: 8,
    height: 6,
    channels: 3,
    scale: '0-1',
    channelOrder: 'RGB',
    fit: 'stretch',
  });
});
