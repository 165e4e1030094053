/**
 * `layerloom train --data <folder|images.zip>`: the app's image pipeline in Node. The scan (class
 * folders or a labels CSV, the ZIP limits: declared sizes, entry count, names) and the dataset
 * build (budget, stratified seeded split) are src/data/images' own; only decoding is Node's
 * (image-decode.ts). The ZIP is streamed from disk, never read whole first.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ExportDataSource } from '../compiler/bundle/metadata-schema';
import { buildImageDataset, scanImageFolder, scanImageZip, type ImageScanReport } from '../data/images';
import { DEFAULT_SPLIT } from '../data/split';
import type { PreparedDataset } from '../data/types';
import { folderEntries } from './data';
import { decodeImageNode } from './image-decode';

export interface ImageChoices {
  /** Width and height in pixels; default: the size the images share, else the largest side up to 64. */
  readonly imageSize?: number;
  /** 1 (grayscale) or 3 (RGB); default: 1 when every file is stored as gray, else 3. */
  readonly channels?: 1 | 3;
}

/** Mixed sizes default to the largest side up to this (the Data page's rule, src/session/data.ts imageDefaults). */
const MAX_DEFAULT_SIDE = 64;
const MAX_SIDE = 512;

/** The Data page's starting size and colour, from the scanned images. */
export function imageDefaults(report: Pick<ImageScanReport, 'largest' | 'sameSize' | 'allGray'>): { side: number; channels: 1 | 3 } {
  const channels = report.allGray ? 1 : 3;
  if (!report.largest) return { side: 32, channels };
  const side = Math.max(report.largest.width, report.largest.height);
  return { side: Math.max(4, Math.min(side, report.sameSize ? MAX_SIDE : MAX_DEFAULT_SIDE)), channels };
}

export async function loadImageData(
  path: string,
  isFolder: boolean,
  seed: number,
  warn: (line: string) => void,
  choices: ImageChoices = {},
): Promise<{ dataset: PreparedDataset; source: ExportDataSource }> {
  const name = basename(path);
  let scanned;
  if (isFolder) scanned = await scanImageFolder(await folderEntries(path), name);
  else {
    const { size } = await stat(path);
    const stream = () => Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
    scanned = await scanImageZip({ size, stream }, name);
  }
  if (!scanned.ok) {
    for (const w of scanned.warnings) warn(`${path}: ${w}`);
    throw new Error(`${path}: ${scanned.error}`);
  }
  const report = scanned.report;
  const defaults = imageDefaults(report);
  const side = choices.imageSize ?? defaults.side;
  const channels = choices.channels ?? defaults.channels;
  const result = await buildImageDataset(report, decodeImageNode, { width: side, height: side, channels, seed }, { concurrency: 1 });
  for (const w of result.warnings) warn(`${path}: ${w}`);
  const skipped = result.skipped;
  if (skipped.length > 0) {
    warn(`${path}: skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'}, e.g. ${skipped[0]!.path}: ${skipped[0]!.reason}`);
  }
  if (!result.ok) throw new Error(`${path}: ${result.error}`);
  return {
    dataset: result.dataset,
    source: {
      file: name,
      csv: null,
      split: { rule: 'stratified', ratios: { ...DEFAULT_SPLIT }, seed, testRows: null },
    },
  };
}
