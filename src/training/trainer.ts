import type * as tf from '@tensorflow/tfjs';
import { randomSeed, rngFor, sequentialIndices, shuffledIndices, type SeededRng } from '../data/random';
import type { PreparedDataset } from '../data/types';
import { readModelWeights, writeModelWeights } from './checkpoint';
import { checkModelFit, type ModelFit } from './compat';
import { metricFor, trainConfig, type MetricName, type TrainConfig, type TrainConfigInput } from './config';
import { EarlyStopping } from './early-stopping';
import { runEpoch, type EpochContext } from './epoch';
import { lossFunction } from './losses';
import { resolveMonitor } from './monitor';
import { makeOptimizer, optimizerFromState, readOptimizerState, setLearningRate, type NamedArray } from './optimizers';
import { plateauStep, scheduledLearningRate, type PlateauState } from './schedule';
import type {
  Checkpoint,
  EpochLog,
  RunOptions,
  StartInfo,
  TrainHooks,
  TrainingIssue,
  TrainResult,
  TrainStatus,
} from './types';

/**
 * A training run you can extend: the model, optimizer state, random streams and history stay here
 * between `run()` calls, so "train 5 more epochs" continues exactly where the last run ended.
 * Call `dispose()` when done (it frees the optimizer, not the model, which belongs to the caller).
 */
export class Trainer {
  readonly config: TrainConfig;
  readonly seed: number;
  private optimizer: tf.Optimizer;
  private lr: number;
  private epochCount = 0;
  private log: EpochLog[] = [];
  private readonly shuffleRng: SeededRng;
  private readonly noiseRng: SeededRng;
  private readonly augmentRng: SeededRng;
  private plateau: PlateauState = { best: null, wait: 0, cooldown: 0 };
  private running = false;
  private disposed = false;

  /** Throws TrainConfigError (naming each bad field) when `config` is invalid. */
  constructor(
    readonly model: tf.LayersModel,
    readonly dataset: PreparedDataset,
    config: TrainConfigInput | TrainConfig = {},
  ) {
    this.config = trainConfig(config);
    this.seed = this.config.seed ?? randomSeed();
    this.shuffleRng = rngFor(this.seed, 'shuffle');
    this.noiseRng = rngFor(this.seed, 'noise');
    this.augmentRng = rngFor(this.seed, 'augment');
    this.optimizer = makeOptimizer(this.config.optimizer);
    this.lr = this.config.optimizer.learningRate;
  }

  /** Epochs completed so far. */
  get epoch(): number {
    return this.epochCount;
  }

  get history(): readonly EpochLog[] {
    return this.log;
  }

  get learningRate(): number {
    return this.lr;
  }

  private failed(issue: TrainingIssue, fit: ModelFit | null, metric: MetricName): TrainResult {
    return this.result('failed', issue, 0, fit, metric, null, []);
  }

  private result(
    status: TrainStatus,
    issue: TrainingIssue | null,
    epochsRun: number,
    fit: ModelFit | null,
    metric: MetricName,
    restoredEpoch: number | null,
    warnings: string[],
  ): TrainResult {
    const loss = fit?.loss ?? (this.config.loss === 'auto' ? 'mse' : this.config.loss);
    return {
      status,
      issue,
      epochsRun,
      epoch: this.epochCount,
      history: [...this.log],
      seed: this.seed,
      loss,
      metric,
      restoredEpoch,
      warnings,
    };
  }

  /** Trains for `options.epochs` (default: the config's epochs) more epochs. */
  async run(hooks: TrainHooks = {}, options: RunOptions = {}): Promise<TrainResult> {
    const metric = metricFor(this.dataset.task);
    if (this.disposed)
      return this.failed({ kind: 'error', message: 'This trainer was disposed; create a new one.' }, null, metric);
    if (this.running)
      return this.failed(
        { kind: 'error', message: 'This trainer is already running; wait for it or stop it first.' },
        null,
        metric,
      );
    const fit = checkModelFit(this.model, this.dataset, this.config);
    if (typeof fit === 'string') return this.failed({ kind: 'incompatible', message: fit }, null, metric);
    const variables = this.model.trainableWeights.map((w) => w.read() as tf.Variable);
    if (variables.length === 0)
      return this.failed(
        { kind: 'incompatible', message: 'The model has no trainable weights (every layer is frozen).' },
        fit,
        metric,
      );
    this.running = true;
    try {
      return await this.runEpochs(hooks, options, fit, metric, variables);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return this.failed(
        { kind: 'error', message: `Training failed at epoch ${this.epochCount + 1}: ${message}` },
        fit,
        metric,
      );
    } finally {
      this.running = false;
    }
  }

  private async runEpochs(
    hooks: TrainHooks,
    options: RunOptions,
    fit: ModelFit,
    metric: MetricName,
    variables: tf.Variable[],
  ): Promise<TrainResult> {
    const { config, dataset } = this;
    const warnings: string[] = [];
    const hasValidation = config.validate && dataset.validation.n > 0;
    const stopping = config.earlyStopping.enabled ? this.earlyStopping(metric, hasValidation, warnings) : null;
    const schedule = config.schedule;
    const plateau =
      schedule.kind === 'plateau' ? resolveMonitor(schedule.monitor, metric, hasValidation, 'Reduce-on-plateau') : null;
    if (plateau?.warning) warnings.push(plateau.warning);
    const epochs = options.epochs ?? config.epochs;
    const startEpoch = this.epochCount;
    const finish = (status: TrainStatus, issue: TrainingIssue | null, restoredEpoch: number | null = null) =>
      this.result(status, issue, this.epochCount - startEpoch, fit, metric, restoredEpoch, warnings);

    const info: StartInfo = {
      seed: this.seed,
      loss: fit.loss,
      metric,
      startEpoch,
      endEpoch: startEpoch + epochs,
      batchesPerEpoch: Math.ceil(dataset.train.n / config.batchSize),
      trainSamples: dataset.train.n,
      validationSamples: hasValidation ? dataset.validation.n : 0,
    };
    await hooks.onStart?.(info);
    const step = {
      model: this.model,
      optimizer: this.optimizer,
      variables,
      lossFn: lossFunction(fit.loss),
      loss: fit.loss,
      metric,
      noise: this.noiseRng,
    };
    const ctx: EpochContext = {
      model: this.model,
      dataset,
      config,
      fit,
      step,
      hooks,
      augmentRng: this.augmentRng,
      yieldEveryMs: options.yieldEveryMs ?? 20,
      lastYield: performance.now(),
    };
    let bestWeights: NamedArray[] | null = null;

    for (let e = startEpoch; e < startEpoch + epochs; e++) {
      if (schedule.kind === 'step' || schedule.kind === 'exponential') {
        this.lr = scheduledLearningRate(schedule, config.optimizer.learningRate, e);
      }
      setLearningRate(this.optimizer, this.lr);
      const order = config.shuffle
        ? shuffledIndices(dataset.train.n, this.shuffleRng)
        : sequentialIndices(dataset.train.n);
      const outcome = await runEpoch(ctx, e + 1, order, this.lr);
      if (outcome.status === 'stopped') return finish('stopped', null);
      if (outcome.status === 'failed') return finish('failed', outcome.issue);
      const log = outcome.log;
      this.log.push(log);
      this.epochCount = log.epoch;
      await hooks.onEpoch?.(log);
      if (plateau && schedule.kind === 'plateau')
        this.lr = plateauStep(schedule, plateau.monitor, this.plateau, log, this.lr);
      const verdict = stopping?.update(log);
      if (verdict === 'improved' && config.earlyStopping.restoreBestWeights)
        bestWeights = await readModelWeights(this.model);
      if (hooks.onCheckpoint) await hooks.onCheckpoint(await this.checkpoint());
      if (verdict === 'stop') {
        const best = stopping?.bestEpoch ?? null;
        if (!bestWeights || best === null) return finish('early-stopped', null);
        writeModelWeights(this.model, bestWeights);
        return finish('early-stopped', null, best);
      }
    }
    return finish('completed', null);
  }

  private earlyStopping(metric: MetricName, hasValidation: boolean, warnings: string[]): EarlyStopping {
    const { monitor, warning } = resolveMonitor(
      this.config.earlyStopping.monitor,
      metric,
      hasValidation,
      'Early stopping',
    );
    if (warning) warnings.push(warning);
    return new EarlyStopping(this.config.earlyStopping, monitor);
  }

  /** Weights, optimizer state and trainer state as plain data (copies). */
  async checkpoint(): Promise<Checkpoint> {
    return {
      epoch: this.epochCount,
      weights: await readModelWeights(this.model),
      optimizer: await readOptimizerState(this.optimizer, this.config.optimizer.name),
      trainer: {
        epoch: this.epochCount,
        lr: this.lr,
        shuffleRng: this.shuffleRng.state,
        noiseRng: this.noiseRng.state,
        augmentRng: this.augmentRng.state,
        plateau: { ...this.plateau },
        history: [...this.log],
      },
    };
  }

  /** Puts the model and this trainer back to a checkpoint taken from a trainer of the same model and config. */
  async restore(checkpoint: Checkpoint): Promise<void> {
    if (this.running) throw new Error('Stop training before restoring a checkpoint.');
    writeModelWeights(this.model, checkpoint.weights);
    const optimizer = await optimizerFromState(this.config.optimizer, checkpoint.optimizer);
    this.optimizer.dispose();
    this.optimizer = optimizer;
    const t = checkpoint.trainer;
    this.epochCount = t.epoch;
    this.lr = t.lr;
    this.shuffleRng.state = t.shuffleRng;
    this.noiseRng.state = t.noiseRng;
    if (t.augmentRng !== undefined) this.augmentRng.state = t.augmentRng;
    this.plateau = { ...t.plateau };
    this.log = [...t.history];
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.optimizer.dispose();
  }
}
