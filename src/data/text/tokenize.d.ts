// Types of tokenize.js (a plain ES module shipped as is in the export) for the TypeScript core.
import type { TokenizerState, WordTokenizerState } from './tokenizer-state';

export type TruncateSide = 'start' | 'end';

export function normalizeText(state: Pick<TokenizerState, 'lowercase'>, text: string): string;
export function categoryTest(categories: readonly string[]): (ch: string) => boolean;
export function wordTokens(state: WordTokenizerState, text: string): string[];
export function bpeChunks(state: Pick<TokenizerState, 'lowercase' | 'space'>, text: string): string[];
export function encodeText(state: TokenizerState, text: string): number[];
export const UNKNOWN_TEXT: string;
export function decodeIds(state: TokenizerState, ids: Iterable<number>, unknownText?: string): string;
export function toSequence(ids: readonly number[], seqLen: number, truncate: TruncateSide, padId?: number): number[];
