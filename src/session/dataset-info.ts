import type { PreparedDataset } from '../data/types';
import type { ExportDataSource } from '../compiler/bundle/metadata-schema';
import type { DataPageState } from '../store/data-slice';
import type { RunDataInfo } from '../store/training-slice';

/** The app prepares every dataset with the splitters' default seed (src/data/tabular.ts, images/build.ts). */
const APP_SPLIT_SEED = 42;

/** Values hashed per array at most: a 200 MB image set is fingerprinted in milliseconds, not seconds. */
const SAMPLES = 1 << 18;

/** FNV-1a over evenly spaced values of some arrays (and their lengths): a short, stable name for the data. */
function fingerprint(arrays: readonly Float32Array[]): string {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    h ^= v;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  for (const a of arrays) {
    const words = new Uint32Array(a.buffer, a.byteOffset, a.length);
    const step = Math.max(1, Math.floor(words.length / SAMPLES));
    mix(words.length);
    for (let i = 0; i < words.length; i += step) mix(words[i]!);
  }
  return h.toString(16).padStart(8, '0');
}

/** What a run trained on: the dataset's name, a fingerprint of its three splits and its split seed. */
export function datasetInfo(d: PreparedDataset): RunDataInfo {
  const splits = [d.train, d.validation, d.test];
  return {
    name: d.name,
    fingerprint: `${fingerprint(splits.flatMap((sp) => [sp.x, sp.y]))}-${splits.map((sp) => sp.n).join('/')}`,
    splitSeed: APP_SPLIT_SEED,
  };
}

/** The splitters' default ratios (src/data/split.ts DEFAULT_SPLIT; src/session may not import src/data's values). */
const APP_SPLIT = { train: 0.7, validation: 0.15, test: 0.15 } as const;

/**
 * metadata.json's `data`: the file the dataset came from, how the CSV was read (delimiter, encoding,
 * header) and the split's rule, ratios and seed. The app does not keep the split's rows, so
 * `testRows` is null here (`layerloom train --out` records them).
 */
export function exportDataSource(
  page: Pick<DataPageState, 'source' | 'fileName' | 'csv' | 'settings'>,
  d: Pick<PreparedDataset, 'kind' | 'task'>,
): ExportDataSource {
  const csv = d.kind === 'tabular' && page.source === 'csv' ? page.csv : null;
  const given = csv ? page.settings.split : undefined;
  const sum = given ? given.train + given.validation + given.test : 0;
  const ratios =
    given && sum > 0 ? { train: given.train / sum, validation: given.validation / sum, test: given.test / sum } : { ...APP_SPLIT };
  return {
    file: page.fileName,
    csv: csv ? { delimiter: csv.delimiter, encoding: csv.encoding, header: csv.hasHeader } : null,
    split: { rule: d.task === 'regression' ? 'shuffle' : 'stratified', ratios, seed: APP_SPLIT_SEED, testRows: null },
  };
}
