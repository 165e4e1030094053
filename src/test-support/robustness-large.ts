/**
 * The large robustness cases of issue 14, written at bench or test time and never committed: a
 * deeply nested model.json, a ZIP whose image inflates to 21 GB, CSVs of 1.8 GB and just over
 * 2 GiB, and a model.json whose manifest names a 3 GB weights file. Each writer streams to a path
 * in 1 MB pieces (nothing is held whole in memory) and is deterministic. Node only.
 */
import { mkdir, open, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync, strToU8 } from 'fflate';
import { solidPng } from '../../e2e/fixtures/tiny-png.mjs';
import { mulberry32 } from '../data/random';
import { crc32, inflatingToZeros } from './deflate-bomb';
import { denseRegressionModel, modelWithHugeWeights } from './robustness-models';

const MB = 1 << 20;

/** The sizes (bytes); `ROBUSTNESS_SCALE` multiplies them all. */
export const LARGE_SIZES = {
  deepJson: 200e6,
  deepJsonBrowser: 100e6,
  /** Under the browser's 64 MB JSON cap, so the depth scan (not the size check) refuses it. */
  deepJsonUnderCap: 60e6,
  zipDeclared: 21e9,
  bigCsv: 1.8e9,
  hugeCsv: 2 ** 31 + 16 * MB,
  hugeWeights: 3 * 2 ** 30,
} as const;
export type LargeSizes = { -readonly [K in keyof typeof LARGE_SIZES]: number };

export function scaledSizes(scale: number): LargeSizes {
  const out = {} as LargeSizes;
  for (const [k, v] of Object.entries(LARGE_SIZES)) out[k as keyof LargeSizes] = Math.max(4096, Math.round(v * scale));
  return out;
}

/** Bytes free to an unprivileged writer under `dir`. */
export async function freeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

/** Writes `pieces()` to `path` one piece at a time. */
async function streamTo(path: string, pieces: Iterable<Uint8Array>): Promise<number> {
  const fh = await open(path, 'w');
  let written = 0;
  try {
    for (const piece of pieces) {
      await fh.write(piece);
      written += piece.byteLength;
    }
  } finally {
    await fh.close();
  }
  return written;
}

/** `{"format":"layers-model","modelTopology":[[[…]]]}` of about `bytes` bytes: half `[`, half `]`. */
export function writeDeepJson(path: string, bytes: number): Promise<number> {
  const head = strToU8('{"format":"layers-model","modelTopology":');
  const tail = strToU8('}\n');
  const depth = Math.max(1, Math.floor((bytes - head.length - tail.length) / 2));
  function* pieces() {
    yield head;
    for (const ch of [0x5b, 0x5d]) {
      const full = new Uint8Array(MB).fill(ch);
      for (let left = depth; left > 0; left -= MB) yield left >= MB ? full : full.subarray(0, left);
    }
    yield tail;
  }
  return streamTo(path, pieces());
}

/** A 7-feature numeric CSV (x1…x7, y) of at least `bytes` bytes, cycling 16 distinct 1 MB blocks of rows. */
export function writeNumericCsv(path: string, bytes: number, seed = 1): Promise<number> {
  const rng = mulberry32(seed);
  const blocks: Uint8Array[] = [];
  for (let b = 0; b < 16; b++) {
    const rows: string[] = [];
    let size = 0;
    while (size < MB - 200) {
      const x = Array.from({ length: 7 }, () => rng() * 100 - 50);
      const y = x.reduce((s, v, i) => s + v * (i + 1) * 0.1, 0) + rng();
      const row = `${x.map((v) => v.toFixed(4)).join(',')},${y.toFixed(4)}\n`;
      rows.push(row);
      size += row.length;
    }
    blocks.push(strToU8(rows.join('')));
  }
  function* pieces() {
    const head = strToU8('x1,x2,x3,x4,x5,x6,x7,y\n');
    yield head;
    let written = head.length;
    for (let i = 0; written < bytes; i++) {
      const block = blocks[i % blocks.length]!;
      yield block;
      written += block.byteLength;
    }
  }
  return streamTo(path, pieces());
}

interface ZipEntry {
  name: Uint8Array;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

function localHeader(e: ZipEntry, zip64: boolean): Uint8Array {
  const extra = zip64 ? 20 : 0;
  const out = new Uint8Array(30 + e.name.length + extra);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x04034b50, true);
  v.setUint16(4, zip64 ? 45 : 20, true);
  v.setUint16(6, 0x0800, true); // names are UTF-8
  v.setUint16(8, 8, true); // deflate
  v.setUint16(12, 0x5821, true); // 2024-01-01
  v.setUint32(14, e.crc, true);
  v.setUint32(18, zip64 ? 0xffffffff : e.compressed, true);
  v.setUint32(22, zip64 ? 0xffffffff : e.size, true);
  v.setUint16(26, e.name.length, true);
  v.setUint16(28, extra, true);
  out.set(e.name, 30);
  if (zip64) writeZip64Extra(v, 30 + e.name.length, e);
  return out;
}

function centralHeader(e: ZipEntry, zip64: boolean): Uint8Array {
  const extra = zip64 ? 20 : 0;
  const out = new Uint8Array(46 + e.name.length + extra);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x02014b50, true);
  v.setUint16(4, 45, true);
  v.setUint16(6, zip64 ? 45 : 20, true);
  v.setUint16(8, 0x0800, true);
  v.setUint16(10, 8, true);
  v.setUint16(14, 0x5821, true);
  v.setUint32(16, e.crc, true);
  v.setUint32(20, zip64 ? 0xffffffff : e.compressed, true);
  v.setUint32(24, zip64 ? 0xffffffff : e.size, true);
  v.setUint16(28, e.name.length, true);
  v.setUint16(30, extra, true);
  v.setUint32(42, e.offset, true);
  out.set(e.name, 46);
  if (zip64) writeZip64Extra(v, 46 + e.name.length, e);
  return out;
}

/** ZIP64 extended information: uncompressed then compressed size, 8 bytes each. */
function writeZip64Extra(v: DataView, at: number, e: ZipEntry): void {
  v.setUint16(at, 0x0001, true);
  v.setUint16(at + 2, 16, true);
  v.setBigUint64(at + 4, BigInt(e.size), true);
  v.setBigUint64(at + 12, BigInt(e.compressed), true);
}

/**
 * A ZIP of images in class folders (cat/1.png, cat/2.png, dog/1.png) plus dog/huge.png: a real
 * deflate stream (ZIP64 sizes, correct CRC) that inflates to at least `declaredBytes`, a PNG
 * header for a 72000 × 72000 RGBA image followed by zeros. About declaredBytes / 1032 on disk.
 */
export async function writeZipDeclaringHugeImage(
  path: string,
  declaredBytes: number,
): Promise<{ declared: number; bytes: number }> {
  const small: Record<string, Uint8Array> = {
    'cat/1.png': solidPng(4, 4, [200, 40, 40, 255]),
    'cat/2.png': solidPng(4, 4, [180, 60, 40, 255]),
    'dog/1.png': solidPng(4, 4, [40, 40, 200, 255]),
  };
  const bomb = inflatingToZeros(pngHead(72000, 72000), declaredBytes);
  const entries: ZipEntry[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  function* pieces() {
    for (const [name, data] of Object.entries(small)) {
      const deflated = deflateSync(data);
      const e = { name: strToU8(name), crc: crc32(data), compressed: deflated.length, size: data.length, offset };
      const head = localHeader(e, false);
      entries.push(e);
      central.push(centralHeader(e, false));
      offset += head.length + deflated.length;
      yield head;
      yield deflated;
    }
    const e = {
      name: strToU8('dog/huge.png'),
      crc: bomb.crc,
      compressed: bomb.compressedBytes,
      size: bomb.size,
      offset,
    };
    const head = localHeader(e, true);
    entries.push(e);
    central.push(centralHeader(e, true));
    offset += head.length + e.compressed;
    yield head;
    yield* bomb.pieces();
    const cdStart = offset;
    let cdSize = 0;
    for (const c of central) {
      cdSize += c.length;
      yield c;
    }
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, entries.length, true);
    v.setUint16(10, entries.length, true);
    v.setUint32(12, cdSize, true);
    v.setUint32(16, cdStart, true);
    yield end;
  }
  const bytes = await streamTo(path, pieces());
  return { declared: bomb.size, bytes };
}

/** PNG signature, IHDR (8-bit RGBA), and an IDAT chunk header that claims 2 GB. */
function pngHead(width: number, height: number): Uint8Array {
  const head = new Uint8Array(8 + 25 + 8);
  head.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const v = new DataView(head.buffer);
  v.setUint32(8, 13);
  head.set(strToU8('IHDR'), 12);
  v.setUint32(16, width);
  v.setUint32(20, height);
  head.set([8, 6, 0, 0, 0], 24);
  v.setUint32(29, crc32(head.subarray(12, 29)));
  v.setUint32(33, 0x7fffffff);
  head.set(strToU8('IDAT'), 37);
  return head;
}

/** Files for training on a CSV: `dir`/model.json + weights.bin for `inputs` features. */
export async function writeRegressionModel(dir: string, inputs: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const m = denseRegressionModel(inputs);
  await writeFile(join(dir, 'model.json'), m.modelJson);
  await writeFile(join(dir, 'weights.bin'), m.weights);
  return join(dir, 'model.json');
}

/**
 * `dir`/model.json (Input [4] → Dense H → Dense H → Dense 1) whose manifest matches a sparse
 * `dir`/weights.bin of about `bytes` (all zeros, no disk used), and `dir`/small.csv (x1…x4, y;
 * 40 rows) to train it on.
 */
export async function writeHugeWeightsModel(
  dir: string,
  bytes: number,
): Promise<{ model: string; csv: string; weightsBytes: number }> {
  await mkdir(dir, { recursive: true });
  const m = modelWithHugeWeights(bytes);
  await writeFile(join(dir, 'model.json'), m.modelJson);
  const fh = await open(join(dir, 'weights.bin'), 'w');
  await fh.truncate(m.weightsBytes);
  await fh.close();
  const rows = [
    'x1,x2,x3,x4,y',
    ...Array.from(
      { length: 40 },
      (_, i) =>
        `${((i * 7) % 13) + 0.5},${(i % 7) * 1.25},${((i * 3) % 11) - 4.5},${((i * 5) % 9) / 4},${(i * 1.5).toFixed(1)}`,
    ),
  ];
  await writeFile(join(dir, 'small.csv'), `${rows.join('\n')}\n`);
  return { model: join(dir, 'model.json'), csv: join(dir, 'small.csv'), weightsBytes: m.weightsBytes };
}
