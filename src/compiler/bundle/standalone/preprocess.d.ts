// Types of preprocess.js (a plain ES module shipped as is in the export), for the TypeScript tests
// that import it. The metadata types are the ones metadata.json is validated with.
import type { ExportMetadata, ImagePreprocessing, TabularPreprocessing } from '../metadata-schema';

type TabularFeature = TabularPreprocessing['features'][number];
type CategoricalFeature = Extract<TabularFeature, { type: 'categorical' }>;
type NumericScale = Extract<TabularFeature, { type: 'numeric' | 'date' }>['scale'];

export type RawValue = string | number | boolean | null | undefined;
export type RawRecord = Readonly<Record<string, RawValue>> | readonly RawValue[];

export function missingTest(tokens: readonly string[]): (cell: string) => boolean;
export function toNumber(cell: string): number;
export function toNumberDecimalComma(cell: string): number;
export function toNumberThousands(cell: string): number;
export function toBoolean(cell: string): number;
export function toDays(cell: string): number;
export function scaleNumber(scale: NumericScale, v: number): number;
export function categorySlot(feature: CategoricalFeature, cell: string): number;
/** What encodeRecord needs of tokenize.js for a text column. */
export interface Tokenize {
  encodeText(state: Extract<TabularFeature, { type: 'text' }>['tokenizer'], text: string): number[];
  toSequence(ids: readonly number[], seqLen: number, truncate: 'start' | 'end', padId?: number): number[];
}
export function idIndex(feature: Extract<TabularFeature, { type: 'id' }>, cell: string): number;
export function encodeRecord(
  tabular: TabularPreprocessing,
  record: RawRecord,
  out?: Float32Array,
  tokenize?: Tokenize | null,
): Float32Array;
export function splitInputs(
  inputs: ExportMetadata['inputs'],
  row: Float32Array,
): { name: string; values: Float32Array; shape: (number | null)[]; dtype: 'float32' | 'int32' }[];
export function centerCropRect(
  srcWidth: number,
  srcHeight: number,
  width: number,
  height: number,
): { sx: number; sy: number; sw: number; sh: number };
export function rgbaToInput(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  channels: ImagePreprocessing['channels'],
): Float32Array;

export type Prediction =
  | { kind: 'value'; value: number; name: string }
  | { kind: 'classes'; classes: { name: string; probability: number }[] }
  | { kind: 'raw'; values: number[] };

export function readPrediction(metadata: ExportMetadata, values: ArrayLike<number>): Prediction;

export function mulberry32(seed: number): () => number;
export function contextWindow(history: readonly number[], seqLen: number, padId: number): { ids: number[]; at: number };
export function sampleToken(probs: ArrayLike<number>, temperature: number, topK: number, rng: () => number): number;
