/**
 * The pipeline flowchart as plain data: stages (nodes) and edges, saved with the project.
 * Everything here is JSON-safe so the project file can hold it as is.
 */

/** Stage kinds. The first six make up the default pipeline; the rest come from the palette. */
export const STAGE_KINDS = [
  'scenario',
  'data',
  'model',
  'train',
  'evaluate',
  'deploy',
  'optimize',
  'preprocess',
  'augment',
  'hpsearch',
  'notes',
] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export interface Position {
  readonly x: number;
  readonly y: number;
}

/**
 * Metrics a decision rule can test. Higher is better for the first five, lower for the rest;
 * bitsPerChar and perplexity are a language model's held-out scores, frechet a GAN generator's
 * Fréchet distance to held-out real images.
 */
export const RULE_METRICS = [
  'accuracy',
  'f1',
  'precision',
  'recall',
  'r2',
  'mae',
  'mse',
  'rmse',
  'loss',
  'bitsPerChar',
  'perplexity',
  'frechet',
] as const;
export type RuleMetric = (typeof RULE_METRICS)[number];

export const RULE_OPS = ['>=', '>', '<=', '<'] as const;
export type RuleOp = (typeof RULE_OPS)[number];

/** "test accuracy ≥ 0.90": what Evaluate checks to choose between Deploy and Optimize. */
export interface DecisionRule {
  readonly metric: RuleMetric;
  readonly op: RuleOp;
  readonly threshold: number;
}

export type ScenarioTask = 'classification' | 'regression';

export interface ScenarioConfig {
  readonly taskType: ScenarioTask;
  readonly description: string;
  /** The business requirement in the user's words ("flag 9 in 10 fraudulent orders"). */
  readonly requirement: string;
  readonly rule: DecisionRule;
}

/** Optimizer names as the Train page knows them (kept in step with TrainSettings by a type check in hp-search.ts). */
export const HP_OPTIMIZERS = ['sgd', 'momentum', 'adagrad', 'adadelta', 'adam', 'adamax', 'rmsprop'] as const;
export type HpOptimizer = (typeof HP_OPTIMIZERS)[number];

export type HpParam =
  | { readonly name: 'learningRate' | 'batchSize' | 'epochs'; readonly values: readonly number[] }
  | { readonly name: 'optimizer'; readonly values: readonly HpOptimizer[] };
export type HpParamName = HpParam['name'];

export interface HpSearchConfig {
  /** grid: every combination (up to maxTrials); random: a seeded sample of maxTrials combinations. */
  readonly mode: 'grid' | 'random';
  readonly params: readonly HpParam[];
  readonly maxTrials: number;
  readonly seed: number;
}

export interface NotesConfig {
  readonly text: string;
}

/** Stages whose settings live on another page carry no config of their own. */
export type EmptyConfig = Readonly<Record<string, never>>;

export interface ConfigByKind {
  scenario: ScenarioConfig;
  data: EmptyConfig;
  model: EmptyConfig;
  train: EmptyConfig;
  evaluate: EmptyConfig;
  deploy: EmptyConfig;
  optimize: EmptyConfig;
  preprocess: EmptyConfig;
  augment: EmptyConfig;
  hpsearch: HpSearchConfig;
  notes: NotesConfig;
}

export interface StageOf<K extends StageKind> {
  readonly id: string;
  readonly kind: K;
  /** Shown on the node; users may rename stages. */
  readonly name: string;
  readonly position: Position;
  readonly config: ConfigByKind[K];
}

export type Stage = { [K in StageKind]: StageOf<K> }[StageKind];

/** The branch of an edge out of Evaluate follows from its target (Deploy: yes, Optimize: no), so it is not stored. */
export interface PipelineEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}

export interface Pipeline {
  readonly stages: readonly Stage[];
  readonly edges: readonly PipelineEdge[];
}

/** What a stage node shows. */
export const STAGE_STATUSES = ['not-started', 'ready', 'running', 'done', 'failed', 'attention'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** A pure edit's outcome: the new pipeline, or a sentence saying why it was refused. */
export type PipelineEdit =
  { readonly ok: true; readonly pipeline: Pipeline } | { readonly ok: false; readonly reason: string };

/** Measured test-set numbers keyed by metric name; absent when the evaluation did not produce it. */
export type MetricValues = Partial<Record<RuleMetric, number>>;

/** Hyperparameters one training run may override (names match the Train page's settings). */
export interface TrainOverrides {
  readonly learningRate?: number;
  readonly batchSize?: number;
  readonly epochs?: number;
  readonly optimizer?: HpOptimizer;
}
