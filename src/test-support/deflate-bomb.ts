/**
 * A hand-written deflate stream that inflates to gigabytes of zeros from about 1/1032 of that:
 * a stored block with a header (e.g. a PNG's first bytes), then one dynamic-Huffman block whose
 * only symbols are the literal 0, the length 258 (code 285, 1 bit) and the distance 1 (1 bit), so
 * each 258 output bytes cost 2 bits and the body is all zero bytes. Its CRC-32 is computed without
 * inflating (zeros are appended with zlib's GF(2) matrix method). For the robustness bench only.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

function gf2Times(mat: Uint32Array, vec: number): number {
  let sum = 0;
  for (let i = 0; vec !== 0; i++, vec >>>= 1) if (vec & 1) sum ^= mat[i]!;
  return sum >>> 0;
}

function gf2Square(mat: Uint32Array): Uint32Array {
  return mat.map((row) => gf2Times(mat, row));
}

/** The CRC-32 of (data whose CRC is `crc`) followed by `count` zero bytes; count may exceed 2^32. */
export function crc32AppendZeros(crc: number, count: number): number {
  // One zero bit acting on the CRC register; squared three times it is one zero byte.
  let op: Uint32Array = new Uint32Array(32);
  op[0] = 0xedb88320;
  for (let n = 1; n < 32; n++) op[n] = (1 << (n - 1)) >>> 0;
  for (let i = 0; i < 3; i++) op = gf2Square(op);
  let reg = ~crc >>> 0;
  for (let left = count; left > 0; left = Math.floor(left / 2)) {
    if (left % 2 === 1) reg = gf2Times(op, reg);
    op = gf2Square(op);
  }
  return ~reg >>> 0;
}

class BitWriter {
  bytes: number[] = [];
  private acc = 0;
  private n = 0;
  /** `count` bits of `value`, least significant first (header fields, extra bits). */
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++) this.bit((value >>> i) & 1);
  }
  /** A Huffman code, most significant bit first. */
  code(code: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bit((code >>> i) & 1);
  }
  bit(b: number): void {
    this.acc |= b << this.n;
    if (++this.n === 8) this.flush();
  }
  /** Bits already in the partial byte. */
  get bitOffset(): number {
    return this.n;
  }
  /** The partial byte, not yet in `bytes`. */
  get pendingByte(): number {
    return this.acc;
  }
  /** Pads to a byte boundary. */
  flush(): void {
    if (this.n > 0) this.bytes.push(this.acc);
    this.acc = 0;
    this.n = 0;
  }
}

export interface DeflateBomb {
  /** Inflated length: head.length + 1 + 258 × matches, at least the size asked for. */
  readonly size: number;
  readonly crc: number;
  readonly compressedBytes: number;
  pieces(): Generator<Uint8Array>;
}

export function inflatingToZeros(head: Uint8Array, minSize: number): DeflateBomb {
  const matches = Math.max(1, Math.ceil((minSize - head.length - 1) / 258));
  const w = new BitWriter();
  // Stored block (not final) holding the head.
  w.bits(0, 3);
  w.flush();
  w.bits(head.length, 16);
  w.bits(~head.length & 0xffff, 16);
  for (const b of head) w.bits(b, 8);
  // Dynamic block (final): HLIT 286 codes, HDIST 2 codes, HCLEN 18 code-length codes.
  w.bits(1, 1);
  w.bits(2, 2);
  w.bits(286 - 257, 5);
  w.bits(2 - 1, 5);
  w.bits(18 - 4, 4);
  // Code-length code lengths in RFC 1951's order 16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2,14,1: 18 → 1, 2 → 2, 1 → 2.
  const order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1];
  const clen: Record<number, number> = { 18: 1, 2: 2, 1: 2 };
  for (const sym of order) w.bits(clen[sym] ?? 0, 3);
  // Canonical codes: 18 → 0, 1 → 10, 2 → 11.
  const len1 = () => w.code(0b10, 2);
  const len2 = () => w.code(0b11, 2);
  const zeros = (n: number) => (w.code(0, 1), w.bits(n - 11, 7));
  // Literal/length lengths: 0 → 2, 1…255 → 0, 256 → 2, 257…284 → 0, 285 → 1; distances 0, 1 → 1.
  len2();
  zeros(138);
  zeros(117);
  len2();
  zeros(28);
  len1();
  len1();
  len1();
  // Literal 0 (code 10); then each match is length code 285 (0) + distance code 0 (0): two zero bits.
  w.code(0b10, 2);
  const header = Uint8Array.from(w.bytes);
  // From here on, byte by byte: the partial byte holding the last header bits, 2 × matches zero
  // bits, the end-of-block code 11, padding. Only up to three bytes are not zero.
  const eob = w.bitOffset + 2 * matches;
  const bodyBytes = Math.ceil((eob + 2) / 8);
  const special = new Map<number, number>([[0, w.pendingByte]]);
  for (const bit of [eob, eob + 1])
    special.set(Math.floor(bit / 8), (special.get(Math.floor(bit / 8)) ?? 0) | (1 << (bit % 8)));
  const size = head.length + 1 + 258 * matches;
  const crc = crc32AppendZeros(crc32(Uint8Array.from([...head, 0])), 258 * matches);
  return {
    size,
    crc,
    compressedBytes: header.length + bodyBytes,
    *pieces() {
      yield header;
      const zeros = new Uint8Array(1 << 20);
      for (let at = 0; at < bodyBytes; at += zeros.length) {
        const n = Math.min(zeros.length, bodyBytes - at);
        const marked = [...special.keys()].filter((i) => i >= at && i < at + n);
        if (marked.length === 0) {
          yield zeros.subarray(0, n);
          continue;
        }
        const piece = new Uint8Array(n);
        for (const i of marked) piece[i - at] = special.get(i)!;
        yield piece;
      }
    },
  };
}
