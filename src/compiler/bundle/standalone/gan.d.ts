// Types of gan.js (a plain ES module shipped as is in a generator's export) for the TypeScript tests.
import type { ExportMetadata } from '../metadata-schema';

type GanImage = NonNullable<ExportMetadata['gan']>['image'];

export const GRID_IMAGES: number;
export const GRID_COLUMNS: number;
export function latentBatch(seed: number, count: number, size: number): Float32Array;
export function imageGrid(
  values: ArrayLike<number>,
  count: number,
  image: Pick<GanImage, 'height' | 'width' | 'channels'>,
  columns?: number,
  gap?: number,
): { width: number; height: number; rgba: Uint8ClampedArray };
export function readSeed(text: string): number;
export function setupGan(
  tf: unknown,
  model: unknown,
  metadata: ExportMetadata,
  showStatus: (text: string, isError?: boolean) => void,
): void;
