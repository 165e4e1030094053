/**
 * Test-only helpers (imported by the *.test.ts files here, never by app code): real PNG bytes,
 * in-memory ZIPs and chunked streams, so the readers run on the same bytes a browser would see.
 */
import { strToU8, zipSync } from 'fflate';
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
