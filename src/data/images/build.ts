/**
 * Decoded pixels → a `PreparedDataset`. The split is planned from the scan's labels before any
 * image is decoded, and each decoded image is copied straight into its split's buffer, so the
 * pixels are held once (not once for all images and again per split).
 */
import type { PreparedDataset, Split } from '../types';
import type { ImageSample } from './sample';
import { mulberry32 } from '../random';
import type { SplitPlan, SplitRatios } from '../split';
import { DEFAULT_SPLIT, stratifiedSplit } from '../split';
import type { ImageFit, ImageSize, ImageTransform } from './transform';
import { imageTransform } from './transform';

export interface ImageDatasetOptions extends ImageSize {
  readonly fit?: ImageFit;
  /** Seed of the split (default 42): the same images and seed give the same split. */
  readonly seed?: number;
  readonly ratios?: SplitRatios;
  /** Dataset name (default: the source name without its extension). */
  readonly name?: string;
  readonly id?: string;
}

type SplitName = keyof SplitPlan;
const SPLITS: readonly SplitName[] = ['train', 'validation', 'test'];

export class ImageDatasetBuilder {
  readonly sampleSize: number;
  readonly transform: ImageTransform;
  private readonly where: { split: SplitName; slot: number }[] = [];
  private readonly buffers: Record<SplitName, Float32Array>;
  private readonly filled: Record<SplitName, Uint8Array>;
  private readonly labels: Record<SplitName, Float32Array>;

  /**
   * `labels[i]` is sample i's class index into `classNames` (which is in index order).
   */
  constructor(
    private readonly classNames: readonly string[],
    labels: readonly number[],
    private readonly options: ImageDatasetOptions & { readonly sourceName: string },
  ) {
    this.transform = imageTransform(options, options.fit ?? 'stretch');
    this.sampleSize = options.width * options.height * options.channels;
    const plan = stratifiedSplit(labels, options.ratios ?? DEFAULT_SPLIT, mulberry32(options.seed ?? 42));
    const make = <T>(f: (indices: number[]) => T): Record<SplitName, T> => ({
      train: f(plan.train),
      validation: f(plan.validation),
      test: f(plan.test),
    });
    this.buffers = make((ix) => new Float32Array(ix.length * this.sampleSize));
    this.filled = make((ix) => new Uint8Array(ix.length));
    this.labels = make((ix) => Float32Array.from(ix, (i) => labels[i]!));
    for (const split of SPLITS) plan[split].forEach((sample, slot) => (this.where[sample] = { split, slot }));
  }

  /** Sample `index` decoded into `pixels` (`[height, width, channels]` in [0, 1]). */
  put(index: number, pixels: Float32Array): void {
    if (pixels.length !== this.sampleSize) {
      throw new RangeError(`sample ${index} has ${pixels.length} values; ${this.sampleSize} expected`);
    }
    const at = this.slot(index);
    this.buffers[at.split].set(pixels, at.slot * this.sampleSize);
    this.filled[at.split][at.slot] = 1;
  }

  /** The dataset from the samples put so far; samples never put (failed decodes) are left out. */
  finish(): PreparedDataset {
    const split = (name: SplitName): Split => this.compact(name);
    const k = this.classNames.length;
    const name = this.options.name ?? this.options.sourceName.replace(/\.zip$/i, '');
    return {
      id:
        this.options.id ??
        `images-${hashString(`${name}|${this.classNames.join('|')}|${this.options.seed ?? 42}|${this.sampleSize}`)}`,
      name,
      kind: 'image',
      task: k === 2 ? 'binary' : 'multiclass',
      inputShape: [this.options.height, this.options.width, this.options.channels],
      classNames: [...this.classNames],
      train: split('train'),
      validation: split('validation'),
      test: split('test'),
      transform: this.transform,
    };
  }

  private slot(index: number): { split: SplitName; slot: number } {
    const at = this.where[index];
    if (at === undefined) throw new RangeError(`no sample ${index}`);
    return at;
  }

  /** Moves the filled slots to the front, keeping their order; copies only when some are missing. */
  private compact(name: SplitName): Split {
    const x = this.buffers[name];
    const y = this.labels[name];
    const filled = this.filled[name];
    const size = this.sampleSize;
    let n = 0;
    for (let i = 0; i < filled.length; i++) {
      if (!filled[i]) continue;
      if (n !== i) {
        x.copyWithin(n * size, i * size, (i + 1) * size);
        y[n] = y[i]!;
      }
      n++;
    }
    if (n === filled.length) return { n, x, y };
    return { n, x: x.slice(0, n * size), y: y.slice(0, n) };
  }
}

/** Class indices for scan samples, given the class names in index order. */
export function labelIndices(samples: readonly ImageSample[], classNames: readonly string[]): number[] {
  const index = new Map(classNames.map((c, i) => [c, i]));
  return samples.map((s) => {
    const i = index.get(s.label);
    if (i === undefined) throw new RangeError(`label "${s.label}" of ${s.path} is not one of the classes`);
    return i;
  });
}

/** FNV-1a, hex: a short stable id, not a security hash. */
function hashString(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
