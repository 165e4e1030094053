/** Language-model and text-classifier tools of the training core. */
export {
  charsCovered,
  languageModelMetrics,
  type CharsPerToken,
  type LanguageModelMetrics,
  type TokenSums,
} from './lm-metrics';
export { evaluateLanguageModel, type LanguageModelEvaluateOptions } from './lm-evaluate';
export {
  bigramBaseline,
  pairsOfSplit,
  pairsOfStream,
  unigramBaseline,
  type BaselineOptions,
  type TokenPairs,
} from './baselines';
export { contextWindow, generate, sampleToken, type GenerateOptions, type Generation } from './generate';
export { tokenImportance, withoutToken, type TokenImportance, type TokenImportanceOptions } from './importance';
