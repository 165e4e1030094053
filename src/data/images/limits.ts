/**
 * Memory limits for image ingestion. Everything happens in the browser tab, so an archive that
 * does not fit is refused up front with its size and the limit, rather than crashing the tab.
 */

export interface ImageLimits {
  /** Largest archive (the .zip file itself) or folder (sum of its files) accepted. */
  readonly maxSourceBytes: number;
  /** Largest total of extracted image bytes; guards against ZIPs that inflate far beyond their size. */
  readonly maxExtractedBytes: number;
  /** Most images read. */
  readonly maxImages: number;
  /** Largest float32 dataset (all splits) built from the decoded pixels. */
  readonly maxDatasetBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxSourceBytes: 1024 * MiB,
  maxExtractedBytes: 1536 * MiB,
  maxImages: 200_000,
  maxDatasetBytes: 1024 * MiB,
};

export function withDefaultLimits(limits?: Partial<ImageLimits>): ImageLimits {
  return { ...DEFAULT_IMAGE_LIMITS, ...limits };
}

/** "812.3 MB", "1.5 GB", "640 KB", "17 bytes" (powers of 1024, the units people see in file managers). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value >= 100 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** Float32 bytes of `n` images of `width × height × channels`. */
export function datasetBytes(n: number, width: number, height: number, channels: number): number {
  return n * width * height * channels * 4;
}

/** A refusal sentence when the decoded dataset would not fit; null when it does. */
export function datasetSizeProblem(
  n: number,
  width: number,
  height: number,
  channels: number,
  limits: ImageLimits,
): string | null {
  const bytes = datasetBytes(n, width, height, channels);
  if (bytes <= limits.maxDatasetBytes) return null;
  return (
    `${n.toLocaleString('en-US')} images at ${width}×${height}×${channels} need ${formatBytes(bytes)} as float32, ` +
    `over the ${formatBytes(limits.maxDatasetBytes)} limit; choose a smaller image size${channels === 3 ? ' or grayscale' : ''}, or use fewer images`
  );
}
