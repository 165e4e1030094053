import { zipSync, type Zippable } from 'fflate';

/**
 * weights.npz without numpy: each array is an .npy file (format version 1.0, written here per
 * NumPy's format spec), stored uncompressed in a ZIP as `np.savez` does. `np.load` reads it with
 * `allow_pickle=False`: no Python objects, only raw little-endian numbers.
 */

export interface NpyArray {
  readonly shape: readonly number[];
  readonly values: Float32Array | Int32Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** Magic, version 1.0 and the 2-byte header length come before the header text. */
const PREAMBLE = MAGIC.length + 2 + 2;
/** NumPy pads the header so the data starts on a 64-byte boundary. */
const ALIGN = 64;

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function shapeTuple(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** The header dict, padded with spaces and ended with a newline, as the spec requires. */
export function npyHeader(descr: '<f4' | '<i4', shape: readonly number[]): string {
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeTuple(shape)}, }`;
  const unpadded = PREAMBLE + dict.length + 1;
  const padding = (ALIGN - (unpadded % ALIGN)) % ALIGN;
  return `${dict}${' '.repeat(padding)}\n`;
}

function littleEndianBytes(values: Float32Array | Int32Array): Uint8Array {
  if (LITTLE_ENDIAN_HOST) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  const float = values instanceof Float32Array;
  values.forEach((v, i) => (float ? view.setFloat32(i * 4, v, true) : view.setInt32(i * 4, v, true)));
  return out;
}

/** One array as the bytes of an .npy file (C order, the row-major order tfjs stores). */
export function npyBytes(array: NpyArray): Uint8Array {
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (count !== array.values.length) {
    throw new Error(`An array of shape [${array.shape.join(', ')}] needs ${count} values, not ${array.values.length}`);
  }
  const header = npyHeader(array.values instanceof Float32Array ? '<f4' : '<i4', array.shape);
  if (header.length > 0xffff) throw new Error('The array has too many dimensions for an .npy version 1.0 header');
  const data = littleEndianBytes(array.values);
  const out = new Uint8Array(PREAMBLE + header.length + data.length);
  out.set(MAGIC, 0);
  out[6] = 1; // major version
  out[7] = 0; // minor version
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[PREAMBLE + i] = header.charCodeAt(i);
  out.set(data, PREAMBLE + header.length);
  return out;
}

/** A key np.load gives back unchanged: plain ASCII that makes one ZIP entry name. */
const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * The arrays as an .npz file, in the given order, stored (not deflated) with a fixed timestamp,
 * so the same weights always give the same bytes.
 */
export function npzBytes(arrays: readonly (readonly [string, NpyArray])[]): Uint8Array {
  const entries: Zippable = {};
  for (const [key, array] of arrays) {
    if (!KEY.test(key)) throw new Error(`${JSON.stringify(key)} cannot be an .npz key`);
    const file = `${key}.npy`;
    if (Object.hasOwn(entries, file)) throw new Error(`The .npz key ${JSON.stringify(key)} is used twice`);
    entries[file] = [npyBytes(array), { level: 0, mtime: new Date(1980, 0, 1, 0, 0, 0) }];
  }
  return zipSync(entries);
}
