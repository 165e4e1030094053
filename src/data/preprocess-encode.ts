/**
 * Writing every split's model inputs in bulk (`encodeSplits`), with the same arithmetic as
 * `scaleNumber` and `applyTransform` use for one record.
 *
 * The splits are shuffled, so file row r lands at a random place in its split's array. Writing
 * each row straight there touches a fresh part of a ~260 MB array per row (a cache and TLB miss
 * for every row). Instead the inputs are computed in file order (reading the columns front to
 * back) and staged by where they go, in blocks of about 1 MB of output; then each block's rows
 * are written together, so the scattered writes stay inside memory that is already in cache.
 */
import type { BooleanFeature, CategoricalFeature, FeatureTransform, NumericFeature } from './preprocess';
import type { FittedFeature } from './preprocess-fit';

export interface SplitRows {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

type Encoded = Record<keyof SplitRows, { readonly x: Float32Array; readonly y: Float32Array }>;

const SPLITS = ['train', 'validation', 'test'] as const;
export interface EncodeLimits {
  /** Output bytes per block: what stays in the CPU cache while its rows are written (default 1 MB). */
  readonly blockBytes?: number;
  /** Most bytes of staged inputs at once; more rows are encoded in stripes (default 64 MB). */
  readonly stageBytes?: number;
}

/**
 * The inputs (row-major, `rows × width`) and targets of every split, in the splits' row order.
 * The limits only change how the work is cut up, never the result.
 */
export function encodeSplits(
  fitted: readonly FittedFeature[],
  width: number,
  splits: SplitRows,
  targets: Float64Array,
  limits: EncodeLimits = {},
): Encoded {
  const rowCount = targets.length;
  const xs = SPLITS.map((name) => new Float32Array(splits[name].length * width));
  const ys = SPLITS.map((name) => new Float32Array(splits[name].length));
  const blockBytes = limits.blockBytes ?? 1 << 20;
  const blockBits = Math.max(0, Math.min(16, Math.floor(Math.log2(blockBytes / (4 * Math.max(1, width))))));
  // Blocks are numbered through train, validation and test.
  const firstBlock = [0];
  for (const name of SPLITS) firstBlock.push(firstBlock.at(-1)! + Math.ceil(splits[name].length / 2 ** blockBits));
  const blockCount = firstBlock[3]!;
  const splitOfBlock = new Uint8Array(blockCount);
  // Per file row: its split in the low two bits, its position in the split above them; -1 = not used.
  const destination = new Int32Array(rowCount).fill(-1);
  SPLITS.forEach((name, s) => {
    splitOfBlock.fill(s, firstBlock[s], firstBlock[s + 1]);
    const rows = splits[name];
    for (let p = 0; p < rows.length; p++) destination[rows[p]!] = (p << 2) | s;
  });
  const blockOf = (d: number) => firstBlock[d & 3]! + (d >>> (2 + blockBits));

  const plan = encodingPlan(fitted);
  const valueCount = plan.numValues.length + plan.codedCodes.length;
  // A staged row: its position, its target, one input per number feature, one input offset per one-hot feature.
  const recordSize = 2 + valueCount + plan.slotCodes.length;
  const stripeRows = Math.max(1, Math.floor((limits.stageBytes ?? 64 << 20) / (4 * recordSize)));
  const stage = new Float32Array(Math.min(rowCount, stripeRows) * recordSize);
  const stageInt = new Int32Array(stage.buffer);
  const start = new Int32Array(blockCount + 1);
  for (let from = 0; from < rowCount; from += stripeRows) {
    const to = Math.min(rowCount, from + stripeRows);
    start.fill(0);
    for (let r = from; r < to; r++) {
      const d = destination[r]!;
      if (d >= 0) start[blockOf(d) + 1]!++;
    }
    for (let b = 0; b < blockCount; b++) start[b + 1]! += start[b]!;
    const next = start.slice(0, blockCount);
    stageRows(plan, { from, to, destination, firstBlock, blockBits, targets, next }, stage, stageInt, recordSize);
    for (let b = 0; b < blockCount; b++) {
      const s = splitOfBlock[b]!;
      writeBlock(xs[s]!, ys[s]!, width, stage, stageInt, recordSize, start[b]!, start[b + 1]!, plan);
    }
  }
  return { train: { x: xs[0]!, y: ys[0]! }, validation: { x: xs[1]!, y: ys[1]! }, test: { x: xs[2]!, y: ys[2]! } };
}

type Plan = ReturnType<typeof encodingPlan>;

interface Stripe {
  readonly from: number;
  readonly to: number;
  readonly destination: Int32Array;
  readonly firstBlock: readonly number[];
  readonly blockBits: number;
  readonly targets: Float64Array;
  /** Per block: its next free record. */
  readonly next: Int32Array;
}

/** Rows staged together: their records stay in cache while each feature is written to them. */
const BATCH = 2048;

/**
 * Stages file rows `from`…`to` - 1, each at the next free record of its block. Batches of rows are
 * filled one feature at a time: each loop then reads one column and writes one field.
 */
function stageRows(plan: Plan, stripe: Stripe, stage: Float32Array, stageInt: Int32Array, recordSize: number): void {
  const { numValues, numFill, numShift, numDivisor, codedCodes, codedTable, slotCodes, slotTable, slotOffset } = plan;
  const { from, to, destination, firstBlock, blockBits, targets, next } = stripe;
  const codedAt = 2 + numValues.length;
  const slotsAt = codedAt + codedCodes.length;
  const recordAt = new Int32Array(BATCH);
  for (let batch = from; batch < to; batch += BATCH) {
    const end = Math.min(to, batch + BATCH);
    for (let r = batch; r < end; r++) {
      const d = destination[r]!;
      if (d < 0) {
        recordAt[r - batch] = -1;
        continue;
      }
      const at = next[firstBlock[d & 3]! + (d >>> (2 + blockBits))]!++ * recordSize;
      recordAt[r - batch] = at;
      stageInt[at] = d >>> 2;
      stage[at + 1] = targets[r]!;
    }
    for (let f = 0; f < numValues.length; f++) {
      stageNumbers(numValues[f]!, numFill[f]!, numShift[f]!, numDivisor[f]!, batch, end, recordAt, stage, 2 + f);
    }
    for (let f = 0; f < codedCodes.length; f++) {
      stageCoded(codedCodes[f]!, codedTable[f]!, batch, end, recordAt, stage, codedAt + f);
    }
    for (let f = 0; f < slotCodes.length; f++) {
      stageSlots(slotCodes[f]!, slotTable[f]!, slotOffset[f]!, batch, end, recordAt, stageInt, slotsAt + f);
    }
  }
}

function stageNumbers(
  values: Float64Array,
  fill: number,
  shift: number,
  divisor: number,
  from: number,
  to: number,
  recordAt: Int32Array,
  stage: Float32Array,
  field: number,
): void {
  for (let r = from; r < to; r++) {
    const at = recordAt[r - from]!;
    if (at < 0) continue;
    const raw = values[r]!;
    stage[at + field] = ((raw === raw ? raw : fill) - shift) / divisor;
  }
}

/** Tables are indexed by code + 1: entry 0 holds the missing value's input. */
function stageCoded(
  codes: Int32Array,
  table: Float64Array,
  from: number,
  to: number,
  recordAt: Int32Array,
  stage: Float32Array,
  field: number,
): void {
  for (let r = from; r < to; r++) {
    const at = recordAt[r - from]!;
    if (at >= 0) stage[at + field] = table[codes[r]! + 1]!;
  }
}

function stageSlots(
  codes: Int32Array,
  table: Int32Array,
  offset: number,
  from: number,
  to: number,
  recordAt: Int32Array,
  stageInt: Int32Array,
  field: number,
): void {
  for (let r = from; r < to; r++) {
    const at = recordAt[r - from]!;
    if (at < 0) continue;
    const slot = table[codes[r]! + 1]!;
    stageInt[at + field] = slot < 0 ? -1 : offset + slot;
  }
}

/** Writes staged records `first`…`end` - 1, all bound for one block of `x`, one field at a time. */
function writeBlock(
  x: Float32Array,
  y: Float32Array,
  width: number,
  stage: Float32Array,
  stageInt: Int32Array,
  recordSize: number,
  first: number,
  end: number,
  plan: Plan,
): void {
  const { valueOffset } = plan;
  const valueCount = valueOffset.length;
  const slotsAt = 2 + valueCount;
  const last = end * recordSize;
  for (let at = first * recordSize; at < last; at += recordSize) y[stageInt[at]!] = stage[at + 1]!;
  for (let f = 0; f < valueCount; f++) {
    const offset = valueOffset[f]!;
    for (let at = first * recordSize; at < last; at += recordSize)
      x[stageInt[at]! * width + offset] = stage[at + 2 + f]!;
  }
  for (let field = slotsAt; field < recordSize; field++) {
    for (let at = first * recordSize; at < last; at += recordSize) {
      const offset = stageInt[at + field]!;
      if (offset >= 0) x[stageInt[at]! * width + offset] = 1;
    }
  }
}

/** The fitted features grouped by how their rows are held, as flat arrays for the loops above. */
function encodingPlan(fitted: readonly FittedFeature[]) {
  const numeric: { values: Float64Array; feature: NumericFeature | BooleanFeature }[] = [];
  const coded: { codes: Int32Array; table: Float64Array; offset: number }[] = [];
  const slots: { codes: Int32Array; table: Int32Array; offset: number }[] = [];
  for (const { feature, rows } of fitted) {
    if (rows.kind === 'slots') {
      const c = feature as CategoricalFeature;
      const table = new Int32Array(rows.slotOfCode.length + 1);
      // A missing value is the fill category (the most frequent, so always one of the kept categories).
      table[0] = c.categories.indexOf(c.fill);
      table.set(rows.slotOfCode, 1);
      slots.push({ codes: rows.codes, table, offset: feature.offset });
      continue;
    }
    const n = feature as NumericFeature | BooleanFeature;
    if (rows.kind === 'numbers') {
      numeric.push({ values: rows.values, feature: n });
      continue;
    }
    // Each distinct value scaled once, with the same arithmetic as the per-row loop. An id's
    // codes are its indices already, and a missing id is index 0.
    const [shift, divisor] = shiftAndDivisor(feature);
    const fill = feature.type === 'id' ? 0 : n.fill;
    const table = new Float64Array(rows.byCode.length + 1);
    table[0] = (fill - shift) / divisor;
    rows.byCode.forEach((v, code) => (table[code + 1] = ((v === v ? v : fill) - shift) / divisor));
    coded.push({ codes: rows.codes, table, offset: feature.offset });
  }
  return {
    numValues: numeric.map((f) => f.values),
    numFill: Float64Array.from(numeric, (f) => f.feature.fill),
    numShift: Float64Array.from(numeric, (f) => shiftAndDivisor(f.feature)[0]),
    numDivisor: Float64Array.from(numeric, (f) => shiftAndDivisor(f.feature)[1]),
    codedCodes: coded.map((f) => f.codes),
    codedTable: coded.map((f) => f.table),
    /** Input offset of each number feature: the numeric ones, then the coded ones. */
    valueOffset: Int32Array.from([...numeric.map((f) => f.feature.offset), ...coded.map((f) => f.offset)]),
    slotCodes: slots.map((f) => f.codes),
    slotTable: slots.map((f) => f.table),
    slotOffset: Int32Array.from(slots, (f) => f.offset),
  };
}

/** `scaleNumber(scale, v)` is `(v − shift) / divisor` with these. */
function shiftAndDivisor(feature: FeatureTransform): [number, number] {
  if (feature.type !== 'numeric' && feature.type !== 'date') return [0, 1];
  const s = feature.scale;
  if (s.kind === 'standardize') return [s.mean, s.std];
  if (s.kind === 'minmax') return [s.min, s.max - s.min];
  return [0, 1];
}
