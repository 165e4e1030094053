import type * as tf from '@tensorflow/tfjs';
import { applyWeights, extractWeights } from '../compiler/weights';
import { randomSeed } from '../data/random';
import type { PreparedDataset } from '../data/types';
import type { Graph } from '../model/graph';
import { assertFiniteWeights, type LayerWeights } from '../model/weights';
import { stepTrial, type TrialFactory } from './backend-trial';
import { checkModelFit } from './compat';
import { trainConfig, type TrainConfig, type TrainConfigInput } from './config';
import { TrainingControl } from './control';
import { evaluate } from './evaluate';
import type { EvaluationMetrics } from './metrics';
import type { CharsPerToken, LanguageModelMetrics } from './text/lm-metrics';
import { compileSeeded } from './train';
import { Trainer } from './trainer';
import type { Checkpoint, EpochLog, TrainHooks, TrainResult } from './types';

/**
 * One training session, the same in the worker, the CLI and the tests: the seeded model, its
 * Trainer, and the pause/stop control. Create it once per run (restoring a checkpoint or starting
 * weights), `run()` it in legs of epochs, `score()` the test split, read `weights()`, `dispose()`.
 */

/** Parsed settings whose seed is fixed, so the backend trial, the model and the report agree. */
export type SeededConfig = TrainConfig & { readonly seed: number };

/** Parses training settings (throws TrainConfigError naming each bad field) and draws a seed when none was set. */
export function seededConfig(input: TrainConfigInput | TrainConfig = {}): SeededConfig {
  const config = trainConfig(input);
  return { ...config, seed: config.seed ?? randomSeed() };
}

export interface SessionSpec {
  readonly graph: Graph;
  readonly dataset: PreparedDataset;
  readonly config: SeededConfig;
  /** The tfjs model's name (exports carry it); tfjs picks one when left out. */
  readonly modelName?: string;
  /** Next-token runs: characters per token (from the tokenizer), for the test score's bits per character. */
  readonly charsPerToken?: CharsPerToken;
}

/** Where the weights start; neither: the seeded initial weights. */
export interface SessionStart {
  /** Weights, optimizer state, random streams and history of an earlier leg: the run continues exactly. */
  readonly checkpoint?: Checkpoint | null;
  /** Imported or pretrained weights with a fresh optimizer (fine-tuning); ignored with a checkpoint. */
  readonly initialWeights?: LayerWeights | null;
}

/** The held-out test split's score. */
export interface TestScore {
  readonly loss: number;
  readonly metrics: EvaluationMetrics;
  readonly n: number;
  /** Next-token runs: nats per token, perplexity, bits per character (`metrics` holds per-token accuracy). */
  readonly languageModel?: LanguageModelMetrics;
}

/** What a leg reports as it goes; pause and stop go through the session itself. */
export type SessionHooks = Pick<TrainHooks, 'onStart' | 'onBatch' | 'onEpoch' | 'onCheckpoint'>;

/** The one seeded compile: the same graph and seed give the same starting weights in the app and the CLI. */
function compileFor(spec: SessionSpec): tf.LayersModel {
  return compileSeeded(spec.graph, spec.config.seed, spec.modelName);
}

/**
 * The backend trial for this session (see chooseBackend): each backend tried compiles the graph
 * once and times the Trainer's real step with the session's optimizer, loss and batch size.
 */
export function sessionTrial(spec: SessionSpec): TrialFactory {
  return () => stepTrial({ build: () => compileFor(spec), dataset: spec.dataset, config: spec.config });
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class TrainerSession {
  private control = new TrainingControl();
  private disposed = false;

  private constructor(
    readonly graph: Graph,
    readonly dataset: PreparedDataset,
    readonly model: tf.LayersModel,
    readonly trainer: Trainer,
    private readonly charsPerToken?: CharsPerToken,
  ) {}

  /**
   * Compiles the graph on the active backend (seeded) and puts the starting weights in. Throws
   * with a sentence to show when a checkpoint or starting weights do not fit the model; nothing
   * is left allocated then.
   */
  static async create(spec: SessionSpec, start: SessionStart = {}): Promise<TrainerSession> {
    // Before compiling: NaN or Infinity starting weights give a constant NaN loss and NaN weights out.
    if (start.initialWeights && !start.checkpoint) {
      try {
        assertFiniteWeights(start.initialWeights, 'The starting weights');
      } catch (err) {
        throw new Error(`${messageOf(err)}; load the model again from an undamaged file, or start from fresh weights.`);
      }
    }
    const model = compileFor(spec);
    let trainer: Trainer | null = null;
    try {
      if (start.initialWeights && !start.checkpoint) {
        try {
          applyWeights(model, start.initialWeights);
        } catch (err) {
          throw new Error(
            `The starting weights do not fit this model (${messageOf(err)}); reload them or start from fresh weights.`,
          );
        }
      }
      trainer = new Trainer(model, spec.dataset, spec.config);
      if (start.checkpoint) await trainer.restore(start.checkpoint);
      return new TrainerSession(spec.graph, spec.dataset, model, trainer, spec.charsPerToken);
    } catch (err) {
      trainer?.dispose();
      model.dispose();
      throw err;
    }
  }

  get seed(): number {
    return this.trainer.seed;
  }

  /** Epochs completed so far (a restored session counts the checkpoint's). */
  get epoch(): number {
    return this.trainer.epoch;
  }

  get history(): readonly EpochLog[] {
    return this.trainer.history;
  }

  /**
   * Trains `epochs` more epochs (default: the config's), numbered on from the last one. Never
   * throws for a model that does not fit, a diverging loss or a hook that throws: the result
   * says what went wrong.
   */
  async run(epochs: number | undefined, hooks: SessionHooks = {}): Promise<TrainResult> {
    if (this.disposed) throw new Error('This training session was disposed; start a new one.');
    // A stop belongs to the leg it was sent to; the next leg starts running.
    this.control = new TrainingControl();
    return this.trainer.run({ ...hooks, control: this.control }, epochs === undefined ? {} : { epochs });
  }

  /** Takes effect between batches of the leg in progress. */
  pause(): void {
    this.control.pause();
  }

  resume(): void {
    this.control.resume();
  }

  stop(): void {
    this.control.stop();
  }

  /**
   * The test split scored with the run's loss (the one training used, `auto` resolved); null when
   * the split is empty or the model does not fit the data.
   */
  async score(): Promise<TestScore | null> {
    const { dataset, model } = this;
    if (dataset.test.n === 0) return null;
    const fit = checkModelFit(model, dataset, this.trainer.config);
    if (typeof fit === 'string') return null;
    const e = await evaluate(model, dataset.test, dataset.task, {
      loss: fit.loss,
      inputShape: dataset.inputShape,
      ...(dataset.inputs ? { inputs: dataset.inputs } : {}),
      ...(this.charsPerToken === undefined ? {} : { charsPerToken: this.charsPerToken }),
    });
    return { loss: e.loss, metrics: e.metrics, n: e.n, ...(e.languageModel ? { languageModel: e.languageModel } : {}) };
  }

  /** The model's weights by layer name, as the store and exports keep them (copies). */
  weights(): LayerWeights {
    return extractWeights(this.model, this.graph);
  }

  /** Frees the optimizer and the model; the session cannot run again. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.control.stop();
    this.trainer.dispose();
    this.model.dispose();
  }
}
