/**
 * Messages between the Evaluate/Deploy pages and eval.worker.ts. The evaluation worker holds a
 * snapshot of the trained weights, apart from the training worker, so scoring and try-it never
 * wait for (or disturb) a run in progress.
 */
import type { ExportDataSource, ExportRun } from '../compiler/bundle/metadata-schema';
import type { GeneratorExport } from '../compiler/bundle/generator';
import type { DatasetTransform, InputPart, Split, Task } from '../data/types';
import type { Graph } from '../model/graph';
import type { LayerWeights } from '../model/weights';
import type { EvaluationMetrics } from '../training/metrics';
import type { LanguageModelMetrics } from '../training/text/lm-metrics';
import type { GanScoreReport, ImageSet } from '../training/gan/scores';

export interface LoadRequest {
  readonly type: 'load';
  readonly id: number;
  readonly graph: Graph;
  readonly weights: LayerWeights;
  readonly task: Task;
  readonly inputShape: readonly number[];
  /** The dataset's parts when it feeds several Inputs (PreparedDataset.inputs); each Input gets its slice. */
  readonly inputs?: readonly InputPart[];
  /** The held-out test split (a copy: its buffers are transferred). Empty → nothing scored. */
  readonly test: Split;
  /** The dataset's transform (PreparedDataset.transform), applied to raw try-it inputs. */
  readonly transform: DatasetTransform | null;
  /**
   * Next-token datasets: the training windows (a copy), from which the unigram and bigram
   * baselines are counted before being scored on the same test chunk as the model.
   */
  readonly baselineTrain?: Split;
}

/** What try-it sends: ready model inputs, a raw table record, or a picture's RGBA pixels. */
export type PredictInput =
  /** `n` samples of the model's input shape, row-major. */
  | { readonly kind: 'tensor'; readonly x: Float32Array; readonly n: number }
  /** Column name → value as typed; preprocessed exactly as in training. */
  | { readonly kind: 'record'; readonly record: Readonly<Record<string, string>> }
  /** Already drawn at the model's input size; converted as the dataset's images were. */
  | { readonly kind: 'rgba'; readonly rgba: Uint8ClampedArray; readonly width: number; readonly height: number };

export interface PredictRequest {
  readonly type: 'predict';
  readonly id: number;
  readonly input: PredictInput;
}

/** What a trained model is exported with: the dataset part of metadata.json (no data rows). */
export interface ExportDataset {
  readonly name: string;
  readonly kind: 'tabular' | 'image' | 'text';
  readonly task: Task;
  readonly inputShape: readonly number[];
  readonly classNames: readonly string[] | null;
  readonly transform: DatasetTransform | null;
  /** The parts of each row when the dataset feeds several Inputs: metadata.json then lists one input per part. */
  readonly inputs?: readonly InputPart[];
}

export interface ExportRequest {
  readonly type: 'export';
  readonly id: number;
  readonly name: string;
  readonly graph: Graph;
  readonly weights: LayerWeights;
  readonly dataset: ExportDataset | null;
  /** The run the weights come from, named in metadata.json. */
  readonly run: ExportRun | null;
  /** How the training file was read and split (metadata.json's `data`); absent or null: not recorded. */
  readonly data?: ExportDataSource | null;
  /** Set when the model is a GAN's generator: metadata.json says so and the page generates (bundle/generator.ts). */
  readonly gan?: GeneratorExport | null;
}

/** Saves the model in tfjs's own browser storage (`indexeddb://<name>`), loadable by stock tfjs. */
export interface SaveRequest {
  readonly type: 'save-browser';
  readonly id: number;
  readonly name: string;
  readonly graph: Graph;
  readonly weights: LayerWeights;
}

/** Samples text from the loaded language model; each token comes back at once as 'generated-piece'. */
export interface GenerateRequest {
  readonly type: 'generate';
  readonly id: number;
  /** Empty: generation starts as at the start of a text (see eval-generate.ts). */
  readonly prompt: string;
  /** Stop once this many characters have been generated. */
  readonly maxChars: number;
  /** 0: always the most probable token; 1: the model's own distribution. */
  readonly temperature: number;
  /** Sample among the k most probable tokens; 0: all. */
  readonly topK: number;
  readonly seed: number;
}

/** Try-it for a text classifier: probabilities, each token's importance, and attention maps. */
export interface ExplainRequest {
  readonly type: 'explain';
  readonly id: number;
  readonly text: string;
}

/** Stops request `id` between two steps (generation); nothing answers it. */
export interface CancelRequest {
  readonly type: 'cancel';
  readonly id: number;
}

/** Loads a GAN's trained generator and the real images its samples are compared with (eval-gan.ts). */
export interface GanLoadRequest {
  readonly type: 'gan-load';
  readonly id: number;
  readonly generator: Graph;
  readonly weights: LayerWeights;
  readonly latentDim: number;
  readonly imageShape: readonly number[];
  /** Training images the nearest-image search looks through. */
  readonly train: ImageSet;
  /** Held-out real images: the scores' reference (test) and the real-vs-real bound (validation). */
  readonly test: ImageSet;
  readonly validation: ImageSet;
  /** Where public/models/ is served from (the Fashion-MNIST backbone), ending in '/'. */
  readonly baseUrl: string;
}

/** Images from the loaded generator for `n` latent vectors: these, or (null) drawn from `seed`. */
export interface GanGenerateRequest {
  readonly type: 'gan-generate';
  readonly id: number;
  readonly latent: Float32Array | null;
  readonly seed: number;
  readonly n: number;
}

export interface GanNearestRequest {
  readonly type: 'gan-nearest';
  readonly id: number;
  readonly image: Float32Array;
}

/** Inception-style score and Fréchet distance with their bounds; answered by 'gan-progress' then 'gan-scored'. */
export interface GanScoreRequest {
  readonly type: 'gan-score';
  readonly id: number;
  readonly seed: number;
}

export type GanEvalRequest = GanLoadRequest | GanGenerateRequest | GanNearestRequest | GanScoreRequest;

export type GanEvalEvent =
  | { readonly type: 'gan-loaded'; readonly id: number }
  | {
      readonly type: 'gan-generated';
      readonly id: number;
      readonly images: Float32Array;
      /** The latent vectors the images were drawn from. */
      readonly latent: Float32Array;
      readonly n: number;
    }
  | {
      readonly type: 'gan-nearest-found';
      readonly id: number;
      readonly index: number;
      readonly distance: number;
      readonly image: Float32Array;
    }
  | { readonly type: 'gan-progress'; readonly id: number; readonly text: string }
  | ({ readonly type: 'gan-scored'; readonly id: number; readonly n: number } & GanScoreReport);

export type EvalRequest =
  | LoadRequest
  | PredictRequest
  | ExportRequest
  | SaveRequest
  | GenerateRequest
  | ExplainRequest
  | CancelRequest
  | GanEvalRequest;

/** A language model's held-out scores beside count baselines fitted on the training windows. */
export interface LanguageModelScores {
  readonly model: LanguageModelMetrics;
  /** Add-one unigram and bigram on the same test tokens; null when the training windows were not sent. */
  readonly baselines: { readonly unigram: LanguageModelMetrics; readonly bigram: LanguageModelMetrics } | null;
}

/** One token of try-it text as the model saw it. */
export interface ExplainedToken {
  readonly id: number;
  /** What it stands for; an unknown character or word shows its own text. */
  readonly text: string;
  readonly known: boolean;
}

/** One MultiHeadAttention layer's maps over the text's tokens (padding left out). */
export interface AttentionMap {
  readonly layer: string;
  readonly heads: number;
  /** heads × tokens × tokens, row-major: [head][query token][key token]. */
  readonly weights: Float32Array;
}

export interface Explained {
  readonly type: 'explained';
  readonly id: number;
  /** The tokens inside the model's window, in order (the tokens cut by truncation are not here). */
  readonly tokens: readonly ExplainedToken[];
  /** Tokens the window could not hold (cut on the transform's truncation side). */
  readonly cut: number;
  readonly outputs: Float32Array;
  readonly units: number;
  /** The class the importances are for: the predicted one (regression: 1, the predicted value itself). */
  readonly classIndex: number;
  /** Per token: p(class) − p(class without it). Positive: the token pushed towards the class. */
  readonly importance: Float32Array;
  readonly attention: readonly AttentionMap[];
}

export interface GeneratedPiece {
  readonly type: 'generated-piece';
  readonly id: number;
  /** The text this token added (may be empty, e.g. padding). */
  readonly text: string;
}

export interface Generated {
  readonly type: 'generated';
  readonly id: number;
  /** The prompt as the model read it (normalised; unknown characters as [UNK]). */
  readonly prompt: string;
  readonly text: string;
  readonly tokens: number;
  readonly stopped: boolean;
  /** Things worth saying about the prompt: empty, unknown characters, longer than the window. */
  readonly notes: readonly string[];
}

export interface Exported {
  readonly type: 'exported';
  readonly id: number;
  /** The whole export as one ZIP (tfjs/, web/, keras/, README.md). */
  readonly zip: Uint8Array;
  /** Every file in the ZIP with its size in bytes, in order. */
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  readonly snippets: { readonly browser: string; readonly node: string; readonly python: string };
  readonly warnings: readonly string[];
}

export interface Scored {
  readonly type: 'scored';
  readonly id: number;
  readonly backend: string;
  readonly n: number;
  readonly loss: number;
  readonly metrics: EvaluationMetrics;
  /** n × units model outputs on the test split, in test-split order. */
  readonly predictions: Float32Array;
  readonly units: number;
  readonly seconds: number;
  /** Tables only: the first MAX_RECORDS test rows as the user wrote them, for example tables. */
  readonly records: readonly Readonly<Record<string, string>>[] | null;
  /** Next-token models: nats per token, perplexity and bits per character, with baselines. */
  readonly languageModel?: LanguageModelScores;
}

export const MAX_RECORDS = 5_000;

export type EvalEvent =
  | Scored
  | Exported
  | { readonly type: 'saved'; readonly id: number; readonly url: string; readonly bytes: number }
  | {
      readonly type: 'predicted';
      readonly id: number;
      readonly outputs: Float32Array;
      readonly units: number;
      /** The model input after preprocessing (the drawing at the model's size, scaled features): what try-it shows. */
      readonly input: Float32Array;
    }
  | Explained
  | GeneratedPiece
  | Generated
  | GanEvalEvent
  | { readonly type: 'error'; readonly id: number; readonly message: string };
