/** Text datasets: tokenizers, their JSON state, and the three ways text becomes a dataset. */
export type {
  TokenizerState,
  TokenizerKind,
  CharTokenizerState,
  WordTokenizerState,
  BpeTokenizerState,
} from './tokenizer-state';
export { PAD_ID, UNK_ID, PAD_TOKEN, UNK_TOKEN } from './tokenizer-state';
export { encodeText, decodeIds, toSequence, normalizeText, wordTokens, UNKNOWN_TEXT } from './tokenize.js';
export type { TruncateSide } from './tokenize.js';
export type { TokenizerOptions } from './fit';
export { fitTokenizer, DEFAULT_VOCAB_SIZE, MIN_VOCAB_SIZE, MAX_VOCAB_SIZE } from './fit';
export type { TextTransform } from './transform';
export { MAX_SEQ_LEN, defaultSeqLen, percentileLength, textToInput } from './transform';
export type { TextDatasetOptions, TextReport } from './classify';
export type { TextTableOptions } from './table';
export { prepareTextTable } from './table';
export type { TextFileEntry } from './folders';
export { prepareTextFolders, decodeUtf8File } from './folders';
export type { LanguageModelOptions, LanguageModelReport } from './language-model';
export { prepareLanguageModel, LM_DEFAULT_SPLIT, LM_DEFAULT_SEQ_LEN } from './language-model';
export type { TokenView, LengthHistogram, Coverage } from './preview';
export { tokenView, lengthHistogram, vocabularyCoverage, coveredChars, charsPerTokenOf, bitsPerChar } from './preview';
