/**
 * Image datasets: read a ZIP or a folder, work out the classes, check the files, and build a
 * `PreparedDataset` from decoded pixels. Decoding itself is browser-only: src/worker/image-decode.ts.
 */
export type { ArchiveEntry, CollectedFiles, CollectResult, ReadOptions, SkippedFile } from './collect';
export { CANCELLED } from './collect';
export type { ByteStreamSource, ZipSource } from './zip-reader';
export { readZip } from './zip-reader';
export type { FileLike, FolderEntry } from './folder-reader';
export { folderEntriesFromFiles, readFolder } from './folder-reader';
export type { ImageFormat, ImageHeader } from './formats';
export { formatFromExtension, IMAGE_FORMAT_NAMES, MIME_TYPES, readImageHeader, sniffFormat } from './formats';
export type { ImageLimits } from './limits';
export { DEFAULT_IMAGE_LIMITS, datasetBytes, datasetSizeProblem, formatBytes } from './limits';
export type { ImageSample, ValidImage } from './sample';
export type { ClassCount, ImageScanReport, ImageScanResult, ImageScanSummary } from './scan';
export { MIN_IMAGES_PER_CLASS, scanImageFiles, scanImageFolder, scanImageZip, summarizeScan } from './scan';
export type { ImageFit, ImageSize, ImageTransform } from './transform';
export {
  centerCropRect,
  chooseImageSize,
  DEFAULT_IMAGE_SIZE,
  imageSizeFromGraph,
  imageTransform,
  rgbaToInput,
} from './transform';
export type { ImageDatasetOptions } from './build';
export { ImageDatasetBuilder } from './build';
export type { BuildHooks, DecodeImageFn, DecodeOutcome, DecodeTarget, ImageDatasetResult, SplitCounts } from './ingest';
export { buildImageDataset } from './ingest';
export { naturalCompare } from './paths';
