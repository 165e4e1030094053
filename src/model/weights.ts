import { ImportError } from './import-errors';
import { quotePath, quoteText } from './quote';

/**
 * Weight values as plain data, keyed by node (layer) name. Each entry is named as the
 * layer spec's `WeightSpec.name` and listed in the spec's order, so compile, export and
 * import can zip them with `spec.weights(...)` without tfjs.
 */
export interface WeightValue {
  name: string;
  shape: number[];
  values: Float32Array;
}

export type LayerWeights = Record<string, WeightValue[]>;

/**
 * One layer's weights, or undefined. Layer names come from files, and a plain-object lookup of a
 * layer named "constructor" or "toString" would find Object's own functions instead.
 */
export function weightsOf(weights: LayerWeights, layer: string): WeightValue[] | undefined {
  return Object.hasOwn(weights, layer) ? weights[layer] : undefined;
}

/** Stores one layer's weights as an own property: plain assignment to "__proto__" would replace the prototype. */
export function setWeightsOf(weights: LayerWeights, layer: string, list: WeightValue[]): void {
  Object.defineProperty(weights, layer, { value: list, enumerable: true, writable: true, configurable: true });
}

/** One entry of a tfjs `weightsManifest` group. */
export interface ManifestWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  /** `optimizer` for optimizer slots tfjs may append after the model weights. */
  readonly group?: string;
  readonly quantization?: unknown;
}

export interface ManifestGroup {
  readonly paths: readonly string[];
  readonly weights: readonly ManifestWeight[];
}

/** A manifest weight with where its bytes lie in the shards laid end to end. */
export interface ManifestEntry extends ManifestWeight {
  readonly index: number;
  readonly byteOffset: number;
  readonly byteLength: number;
}

/** Bytes per element by stored dtype. A Map: the dtype comes from the file ("constructor" is no dtype). */
const BYTES: ReadonlyMap<string, number> = new Map([
  ['float32', 4],
  ['int32', 4],
  ['uint8', 1],
  ['bool', 1],
  ['float16', 2],
  ['int16', 2],
  ['uint16', 2],
]);

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Validates a `weightsManifest` and lays its entries out over the concatenated shards. */
export function parseManifest(raw: unknown): ManifestEntry[] {
  if (!Array.isArray(raw)) throw new ImportError('The weightsManifest is not a list of weight groups');
  const entries: ManifestEntry[] = [];
  let offset = 0;
  for (const group of raw) {
    const weights = (group as { weights?: unknown })?.weights;
    if (!Array.isArray(weights)) throw new ImportError('A weightsManifest group has no weights list');
    for (const w of weights as Record<string, unknown>[]) {
      const { name, shape } = w ?? {};
      if (typeof name !== 'string' || !Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) {
        throw new ImportError(`The weightsManifest has a malformed entry ${JSON.stringify(w).slice(0, 120)}`);
      }
      const dtype = typeof w.dtype === 'string' ? w.dtype : 'float32';
      const q = w.quantization as { dtype?: unknown } | undefined;
      const storage = q && typeof q.dtype === 'string' ? q.dtype : dtype;
      const byteLength = elementCount(shape as number[]) * (BYTES.get(storage) ?? 4);
      entries.push({
        name,
        shape: shape as number[],
        dtype,
        ...(typeof w.group === 'string' ? { group: w.group } : {}),
        ...(q ? { quantization: q } : {}),
        index: entries.length,
        byteOffset: offset,
        byteLength,
      });
      offset += byteLength;
    }
  }
  return entries;
}

/** Shard paths in manifest order: the order the .bin buffers must be given in. */
export function manifestPaths(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((g) => {
    const paths = (g as { paths?: unknown })?.paths;
    return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string') : [];
  });
}

export function concatBuffers(buffers: ArrayBuffer | readonly ArrayBuffer[]): ArrayBuffer {
  if (buffers instanceof ArrayBuffer) return buffers;
  if (buffers.length === 1) return buffers[0] as ArrayBuffer;
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out.buffer;
}

/**
 * Float32 values of one entry. Copied out of the shared buffer so each weight owns its
 * memory (and can be transferred to a worker on its own).
 */
export function readEntry(entry: ManifestEntry, data: ArrayBuffer): Float32Array {
  if (entry.quantization) {
    throw new ImportError(`Weight '${quotePath(entry.name)}' is quantized; only unquantized float32 weights can be imported (convert without --quantize_* options)`);
  }
  if (entry.dtype !== 'float32') {
    throw new ImportError(`Weight '${quotePath(entry.name)}' is stored as ${quoteText(entry.dtype)}; only float32 weights can be imported`);
  }
  if (entry.byteOffset + entry.byteLength > data.byteLength) {
    throw new ImportError(
      `The weight data is ${data.byteLength} bytes but weight '${quotePath(entry.name)}' needs bytes up to ${entry.byteOffset + entry.byteLength}; a .bin shard is missing, truncated or given out of order`,
    );
  }
  return new Float32Array(data.slice(entry.byteOffset, entry.byteOffset + entry.byteLength));
}

/** Weights → one weights.bin buffer and the manifest entries describing it, in list order. */
export function packWeights(list: readonly { name: string; shape: readonly number[]; values: Float32Array }[]): {
  specs: { name: string; shape: number[]; dtype: 'float32' }[];
  data: ArrayBuffer;
} {
  const total = list.reduce((n, w) => n + w.values.length, 0);
  const out = new Float32Array(total);
  let at = 0;
  for (const w of list) {
    out.set(w.values, at);
    at += w.values.length;
  }
  return { specs: list.map((w) => ({ name: w.name, shape: [...w.shape], dtype: 'float32' })), data: out.buffer };
}

/** Weights that hold NaN or ±Infinity: training from them shows a constant NaN loss and writes NaN back. */
export class NonFiniteWeightsError extends ImportError {
  constructor(message: string, layer: string) {
    super(message, layer);
    this.name = 'NonFiniteWeightsError';
  }
}

/** "3 NaN values and 1 infinite value (first at index 17)", or null when every value is finite. */
function nonFiniteText(values: Float32Array): string | null {
  let nan = 0;
  let inf = 0;
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v === 0) continue; // finite; NaN and ±Infinity both give NaN here
    if (Number.isNaN(v)) nan++;
    else inf++;
    if (first < 0) first = i;
  }
  if (first < 0) return null;
  const plural = (n: number, what: string) => `${n} ${what} value${n === 1 ? '' : 's'}`;
  const counts = [nan > 0 ? plural(nan, 'NaN') : '', inf > 0 ? plural(inf, 'infinite') : ''].filter(Boolean).join(' and ');
  return `${counts} (first at index ${first})`;
}

/**
 * Throws `NonFiniteWeightsError` naming the first layer and weight that hold NaN or Infinity.
 * `what` says where the weights came from, to begin the sentence ("The weights file", …).
 */
export function assertFiniteWeights(weights: LayerWeights, what: string): void {
  for (const [layer, list] of Object.entries(weights)) {
    for (const w of list) {
      const problem = nonFiniteText(w.values);
      if (problem) {
        throw new NonFiniteWeightsError(
          `${what}: layer '${quoteText(layer)}' weight '${quoteText(w.name)}' has ${problem}; the weights are damaged`,
          layer,
        );
      }
    }
  }
}
