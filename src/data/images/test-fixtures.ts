/**
 * Test-only helpers (imported by the *.test.ts files here, never by app code): real PNG bytes,
 * in-memory ZIPs and chunked streams, so the readers run on the same bytes a browser would see.
 */
import { deflateSync, strToU8, zipSync } from 'fflate';
import { encodePng, solidPng } from '../../../e2e/fixtures/tiny-png.mjs';
import type { CollectedFiles } from './collect';
import type { ByteStreamSource } from './zip-reader';

export { encodePng };

/** A small valid PNG; vary `shade` to make files differ. */
export function png(shade = 128, size = 2): Uint8Array {
  return solidPng(size, size, [shade, 255 - shade, 64, 255]);
}

/** A PNG signature followed by zeros: passes the extension check, fails the header check. */
export function corruptPng(): Uint8Array {
  const bytes = new Uint8Array(40);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
}

export type FileMap = Record<string, Uint8Array | string>;

export function zipOf(files: FileMap): Uint8Array {
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([path, v]) => [path, typeof v === 'string' ? strToU8(v) : v])),
  );
}

/** `count` PNGs named `${dir}/${prefix}${i}.png`. */
export function pngs(dir: string, count: number, prefix = 'img'): FileMap {
  const out: FileMap = {};
  for (let i = 1; i <= count; i++) out[`${dir}/${prefix}${i}.png`] = png(i * 7);
  return out;
}

/** A File-like source that streams `bytes` in chunks of `chunkSize`, counting the chunks read. */
export function chunkedSource(bytes: Uint8Array, chunkSize: number): ByteStreamSource & { chunksRead: number } {
  const source = {
    size: bytes.length,
    chunksRead: 0,
    stream(): ReadableStream<Uint8Array> {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.length) return controller.close();
          source.chunksRead++;
          controller.enqueue(bytes.slice(at, at + chunkSize));
          at += chunkSize;
        },
      });
    },
  };
  return source;
}

/** Files as the readers would hand them to the scan (no ZIP involved). */
export function collected(files: FileMap, sourceName = 'test.zip'): CollectedFiles {
  return {
    sourceName,
    entries: Object.entries(files).map(([path, v]) => ({ path, bytes: typeof v === 'string' ? strToU8(v) : v })),
    skipped: [],
    warnings: [],
  };
}

/**
 * A ZIP whose headers declare `declared` unpacked bytes for each entry whatever its data holds
 * (ZIP64 fields when that is 4 GB or more), as a ZIP bomb's would. CRCs are left 0: the
 * streaming reader does not check them.
 */
export function zipDeclaring(
  files: Record<string, { readonly bytes: Uint8Array; readonly declared: number }>,
): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [path, { bytes, declared }] of Object.entries(files)) {
    const name = strToU8(path);
    const data = deflateSync(bytes);
    const zip64 = declared >= 0xffffffff;
    const extra = new Uint8Array(zip64 ? 20 : 0);
    const ev = new DataView(extra.buffer);
    if (zip64) {
      ev.setUint16(0, 1, true);
      ev.setUint16(2, 16, true);
      ev.setBigUint64(4, BigInt(declared), true);
      ev.setBigUint64(12, BigInt(data.length), true);
    }
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, zip64 ? 45 : 20, true);
    local.setUint16(6, 0x800, true);
    local.setUint16(8, 8, true);
    local.setUint32(18, zip64 ? 0xffffffff : data.length, true);
    local.setUint32(22, zip64 ? 0xffffffff : declared, true);
    local.setUint16(26, name.length, true);
    local.setUint16(28, extra.length, true);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true);
    entry.setUint16(4, 45, true);
    entry.setUint16(6, zip64 ? 45 : 20, true);
    entry.setUint16(8, 0x800, true);
    entry.setUint16(10, 8, true);
    entry.setUint32(20, zip64 ? 0xffffffff : data.length, true);
    entry.setUint32(24, zip64 ? 0xffffffff : declared, true);
    entry.setUint16(28, name.length, true);
    entry.setUint16(30, extra.length, true);
    entry.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), name, extra, data);
    central.push(new Uint8Array(entry.buffer), name, extra);
    offset += 30 + name.length + extra.length + data.length;
  }
  const size = central.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, central.length / 3, true);
  end.setUint16(10, central.length / 3, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
