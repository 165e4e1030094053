/**
 * The compact image format of the built-in datasets: `<id>-images.u8.gz` (one byte per pixel,
 * row-major, images one after another, gzip'd), `<id>-labels.u8` (one class index per image) and
 * `<id>.json`, the manifest that says how to read them. Written by scripts/build-datasets.py.
 */
import { gunzipSync } from 'fflate';
import { DataError } from './errors';

export interface ShippedSplits {
  readonly train: { readonly start: number; readonly count: number };
  readonly test: { readonly start: number; readonly count: number };
}

export interface ImageManifest {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** 1: grayscale; 3: RGB. */
  readonly channels: 1 | 3;
  readonly count: number;
  /** The largest pixel value the format allows (16 for digits, 255 for Fashion-MNIST). */
  readonly maxValue: number;
  readonly classNames: readonly string[];
  readonly images: string;
  readonly labels: string;
  /** Index ranges of the train and test images when the source came pre-split; null otherwise. */
  readonly splits: ShippedSplits | null;
}

/** A manifest or archive that does not hold what it should: the built-in files are damaged or stale. */
export class ImageArchiveError extends DataError {
  constructor(message: string) {
    super('read-failed', message);
  }
}

const REBUILD = 'Rebuild the built-in datasets with `python3 scripts/build-datasets.py`.';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function count(obj: Json, key: string, where: string, min = 0): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new ImageArchiveError(
      `${where}: "${key}" should be a whole number ≥ ${min}, not ${JSON.stringify(v)}. ${REBUILD}`,
    );
  }
  return v;
}

function text(obj: Json, key: string, where: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || v === '') {
    throw new ImageArchiveError(`${where}: "${key}" should be a file name, not ${JSON.stringify(v)}. ${REBUILD}`);
  }
  return v;
}

function channelCount(obj: Json, where: string): 1 | 3 {
  const v = obj.channels;
  if (v !== 1 && v !== 3)
    throw new ImageArchiveError(`${where}: "channels" should be 1 or 3, not ${JSON.stringify(v)}. ${REBUILD}`);
  return v;
}

function range(obj: unknown, where: string): { start: number; count: number } {
  if (!isObject(obj)) throw new ImageArchiveError(`${where} should be {"start", "count"}. ${REBUILD}`);
  return { start: count(obj, 'start', where), count: count(obj, 'count', where, 1) };
}

/** Reads and checks a manifest; every problem names the file and the field. */
export function parseImageManifest(source: string, fileName: string): ImageManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch {
    throw new ImageArchiveError(`${fileName} is not valid JSON. ${REBUILD}`);
  }
  if (!isObject(raw)) throw new ImageArchiveError(`${fileName} should hold a JSON object. ${REBUILD}`);
  const classNames = raw.classNames;
  if (!Array.isArray(classNames) || classNames.length < 2 || !classNames.every((c) => typeof c === 'string')) {
    throw new ImageArchiveError(`${fileName}: "classNames" should list at least two class names. ${REBUILD}`);
  }
  const manifest: ImageManifest = {
    id: text(raw, 'id', fileName),
    width: count(raw, 'width', fileName, 1),
    height: count(raw, 'height', fileName, 1),
    channels: channelCount(raw, fileName),
    count: count(raw, 'count', fileName, 1),
    maxValue: count(raw, 'maxValue', fileName, 1),
    classNames: classNames as string[],
    images: text(raw, 'images', fileName),
    labels: text(raw, 'labels', fileName),
    splits: null,
  };
  if (raw.splits === null || raw.splits === undefined) return manifest;
  if (!isObject(raw.splits))
    throw new ImageArchiveError(`${fileName}: "splits" should be null or {train, test}. ${REBUILD}`);
  const train = range(raw.splits.train, `${fileName} splits.train`);
  const test = range(raw.splits.test, `${fileName} splits.test`);
  if (train.start + train.count > test.start || test.start + test.count > manifest.count) {
    throw new ImageArchiveError(
      `${fileName}: the train and test ranges overlap or run past ${manifest.count} images. ${REBUILD}`,
    );
  }
  return { ...manifest, splits: { train, test } };
}

export interface DecodedImages {
  /** `count × perImage` bytes, 0…maxValue. */
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
  readonly perImage: number;
}

/**
 * Inflates the pixels and checks both files against the manifest. Bytes that do not start with
 * gzip's magic number are taken as already inflated: a server that sends the file with
 * `Content-Encoding: gzip` makes fetch hand it over unzipped.
 */
export function decodeImageArchive(
  manifest: ImageManifest,
  packedImages: Uint8Array,
  labels: Uint8Array,
): DecodedImages {
  let pixels = packedImages;
  if (packedImages.length >= 2 && packedImages[0] === 0x1f && packedImages[1] === 0x8b) {
    try {
      pixels = gunzipSync(packedImages);
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause);
      throw new ImageArchiveError(`"${manifest.images}" is not a readable gzip file (${why}). ${REBUILD}`);
    }
  }
  const perImage = manifest.width * manifest.height * manifest.channels;
  const expected = manifest.count * perImage;
  if (pixels.length !== expected) {
    throw new ImageArchiveError(
      `"${manifest.images}" holds ${pixels.length} pixel bytes, but ${manifest.id}.json describes ${manifest.count} images of ` +
        `${manifest.height}×${manifest.width}×${manifest.channels} (${expected} bytes). ${REBUILD}`,
    );
  }
  if (labels.length !== manifest.count) {
    throw new ImageArchiveError(
      `"${manifest.labels}" holds ${labels.length} labels for ${manifest.count} images. ${REBUILD}`,
    );
  }
  const k = manifest.classNames.length;
  const bad = labels.findIndex((label) => label >= k);
  if (bad >= 0) {
    throw new ImageArchiveError(
      `"${manifest.labels}" gives image ${bad} the label ${labels[bad]}, but there are only ${k} classes. ${REBUILD}`,
    );
  }
  // A byte cannot exceed 255, so only smaller ranges (digits: 0…16) need the scan.
  const tooBright = manifest.maxValue < 255 ? pixels.findIndex((p) => p > manifest.maxValue) : -1;
  if (tooBright >= 0) {
    throw new ImageArchiveError(
      `"${manifest.images}" has the pixel value ${pixels[tooBright]} (byte ${tooBright}), above the manifest's maxValue ${manifest.maxValue}. ${REBUILD}`,
    );
  }
  return { pixels, labels, perImage };
}
