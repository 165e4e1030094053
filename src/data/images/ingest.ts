/**
 * Scan report → decoded `PreparedDataset`. Decoding needs the browser, so it is passed in (the
 * worker passes `decodeImage` from src/worker/image-decode.ts; tests pass a fake); everything
 * around it — budget check, concurrency, failures, cancellation, the split — lives here.
 */
import type { PreparedDataset } from '../types';
import { ImageDatasetBuilder, labelIndices } from './build';
import type { ImageDatasetOptions } from './build';
import type { SkippedFile } from './collect';
import { CANCELLED } from './collect';
import type { ImageLimits } from './limits';
import { datasetSizeProblem, withDefaultLimits } from './limits';
import { naturalCompare } from './paths';
import type { ImageSample } from './sample';
import type { ImageScanReport } from './scan';
import type { ImageFit, ImageSize } from './transform';

export interface DecodeTarget extends ImageSize {
  readonly fit: ImageFit;
}

export type DecodeOutcome =
  { readonly ok: true; readonly pixels: Float32Array } | { readonly ok: false; readonly reason: string };

/** Decodes one image to `[height, width, channels]` floats in [0, 1]. */
export type DecodeImageFn = (sample: ImageSample, target: DecodeTarget) => Promise<DecodeOutcome>;

export interface BuildHooks {
  readonly signal?: AbortSignal;
  /** Called after each image: `done` of `total` decoded or failed. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Images decoded at once (default 4); the browser decodes off the worker's thread. */
  readonly concurrency?: number;
  readonly limits?: Partial<ImageLimits>;
}

export interface SplitCounts {
  readonly name: string;
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

export type ImageDatasetResult =
  | {
      readonly ok: true;
      readonly dataset: PreparedDataset;
      /** The scan's skipped files plus the images that failed to decode. */
      readonly skipped: readonly SkippedFile[];
      readonly warnings: readonly string[];
      /** Per class, how many images each split got. */
      readonly counts: readonly SplitCounts[];
    }
  | {
      readonly ok: false;
      readonly error: string;
      readonly skipped: readonly SkippedFile[];
      readonly warnings: readonly string[];
    };

export async function buildImageDataset(
  report: ImageScanReport,
  decode: DecodeImageFn,
  options: ImageDatasetOptions,
  hooks: BuildHooks = {},
): Promise<ImageDatasetResult> {
  const limits = withDefaultLimits(hooks.limits);
  const warnings = [...report.warnings];
  const skipped: SkippedFile[] = [...report.skipped];
  const fail = (error: string): ImageDatasetResult => ({ ok: false, error, skipped, warnings });
  const samples = report.samples;
  const tooBig = datasetSizeProblem(samples.length, options.width, options.height, options.channels, limits);
  if (tooBig !== null) return fail(tooBig);

  const classNames = report.classes.map((c) => c.name);
  const labels = labelIndices(samples, classNames);
  const builder = new ImageDatasetBuilder(classNames, labels, { ...options, sourceName: report.sourceName });
  const target: DecodeTarget = {
    width: options.width,
    height: options.height,
    channels: options.channels,
    fit: options.fit ?? 'stretch',
  };
  const decoded = new Uint8Array(samples.length);

  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < samples.length && !hooks.signal?.aborted) {
      const index = next++;
      const sample = samples[index]!;
      let outcome: DecodeOutcome;
      try {
        outcome = await decode(sample, target);
      } catch (e) {
        outcome = { ok: false, reason: `could not be decoded (${e instanceof Error ? e.message : String(e)})` };
      }
      if (outcome.ok && outcome.pixels.length !== builder.sampleSize) {
        outcome = { ok: false, reason: `decoded to ${outcome.pixels.length} values instead of ${builder.sampleSize}` };
      }
      if (outcome.ok) {
        builder.put(index, outcome.pixels);
        decoded[index] = 1;
      } else {
        skipped.push({ path: sample.path, reason: outcome.reason });
      }
      done++;
      hooks.onProgress?.(done, samples.length);
    }
  };
  const lanes = Math.max(1, Math.min(hooks.concurrency ?? 4, samples.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  if (hooks.signal?.aborted) return fail(CANCELLED);
  skipped.sort((a, b) => naturalCompare(a.path, b.path));

  const dataset = builder.finish();
  const counts = classNames.map((name) => ({ name, train: 0, validation: 0, test: 0 }));
  for (const split of ['train', 'validation', 'test'] as const) {
    for (const y of dataset[split].y) counts[y]![split]++;
  }
  const failed = samples.length - decoded.reduce((a, b) => a + b, 0);
  if (failed > 0)
    warnings.push(
      `${failed} image${failed === 1 ? '' : 's'} could not be decoded and ${failed === 1 ? 'was' : 'were'} left out (see the skipped files).`,
    );
  const empty = counts.filter((c) => c.train + c.validation + c.test === 0).map((c) => `"${c.name}"`);
  if (classNames.length - empty.length < 2) {
    return fail(
      `fewer than two classes have images that could be decoded${empty.length ? ` (none left in ${empty.join(', ')})` : ''}; check the skipped files`,
    );
  }
  if (empty.length > 0)
    warnings.push(`no image of class ${empty.join(', ')} could be decoded; the class is kept but has no samples.`);
  return { ok: true, dataset, skipped, warnings, counts };
}
