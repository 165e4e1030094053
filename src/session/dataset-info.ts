import type { PreparedDataset } from '../data/types';
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
