import { describe, expect, it } from 'vitest';
import { imageDefaults, MAX_DEFAULT_IMAGE_SIDE } from './data';

const largest = (width: number, height: number) => ({ path: 'a.png', width, height });

describe('image defaults from the scanned images', () => {
  it('takes the size every image shares and grayscale when every file is gray', () => {
    expect(imageDefaults({ largest: largest(28, 28), sameSize: true, allGray: true })).toEqual({
      side: 28,
      channels: 1,
    });
    expect(imageDefaults({ largest: largest(96, 96), sameSize: true, allGray: false })).toEqual({
      side: 96,
      channels: 3,
    });
  });
  it('takes the largest side of mixed sizes, up to a cap', () => {
    expect(imageDefaults({ largest: largest(40, 30), sameSize: false, allGray: false })).toEqual({
      side: 40,
      channels: 3,
    });
    expect(imageDefaults({ largest: largest(4000, 3000), sameSize: false, allGray: false }).side).toBe(
      MAX_DEFAULT_IMAGE_SIDE,
    );
  });
});
