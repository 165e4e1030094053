import { formatNumber } from './facts';
import { expandTrials, type TrialPlan } from './hp-search';
import { flowProblems, pipelineRule, stageOfKind } from './model';
import { evaluateRule, type RuleCheck } from './rule';
import { suggest, type Suggestion, type SuggestionInput } from './suggestions';
import { rankTrials, type TrainOutcome, type TrialResult } from './trial-ranking';
import type { MetricValues, Pipeline, Stage, StageKind, StageStatus, TrainOverrides } from './types';

export type { TrainOutcome, TrialResult } from './trial-ranking';

/**
 * The app's side of a run, injected so the runner is testable with fakes. Each step throws an
 * Error whose message a person can read when it fails.
 */
export interface RunnerDeps {
  /** Loads and prepares the dataset (the Data stage, with Preprocess/Augment). */
  prepareData(): Promise<void>;
  /** A reason the model can't train (graph errors), or null. Optional: training fails anyway. */
  checkModel?(): string | null;
  /**
   * Trains with the current settings, changed by `overrides`. Search trials pass their plan too,
   * so the run can be named after it ("Trial 2 · lr 0.01") in the runs list.
   */
  train(overrides?: TrainOverrides, trial?: TrialPlan): Promise<TrainOutcome>;
  /** Test-set metrics of the model `trained` produced. */
  evaluate(trained: TrainOutcome): Promise<MetricValues>;
  isCancelled(): boolean;
  /** Facts about the model, settings and data for the Optimize suggestions. */
  suggestionContext?(): Pick<SuggestionInput, 'graph' | 'settings' | 'dataRows'>;
}

export interface StageUpdate {
  readonly stageId: string;
  readonly status: StageStatus;
  readonly message?: string;
}

export interface PipelineRunResult {
  readonly outcome: 'met' | 'not-met' | 'failed' | 'cancelled';
  readonly failedStageId: string | null;
  /** One sentence for the page: what happened and what to do next. */
  readonly message: string;
  readonly check: RuleCheck | null;
  readonly metrics: MetricValues | null;
  readonly suggestions: readonly Suggestion[];
  readonly trials: readonly TrialResult[];
  /** Index into `trials` of the trial that was kept. */
  readonly bestTrial: number | null;
}

class Stop extends Error {}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)) || 'it failed without a message';

/**
 * Runs Data → (search trials) → Train → Evaluate, checks the rule and marks Deploy ready or
 * Optimize with suggestions. Stage states go out through `onStatus` as they change; a failure
 * marks its stage with the reason and ends the run.
 */
export async function runPipeline(
  p: Pipeline,
  deps: RunnerDeps,
  onStatus: (u: StageUpdate) => void,
): Promise<PipelineRunResult> {
  const rule = pipelineRule(p);
  const problems = flowProblems(p);
  const skipped = new Set(problems.filter((x) => !x.blocking).map((x) => x.stageId));
  const active = (...kinds: StageKind[]) => p.stages.filter((s) => kinds.includes(s.kind) && !skipped.has(s.id));
  const mark = (stages: readonly (Stage | undefined)[], status: StageStatus, message?: string) => {
    for (const s of stages)
      if (s) onStatus(message === undefined ? { stageId: s.id, status } : { stageId: s.id, status, message });
  };
  const trials: TrialResult[] = [];
  let bestTrial: number | null = null;
  const finish = (
    r: Pick<PipelineRunResult, 'outcome' | 'message'> & Partial<PipelineRunResult>,
  ): PipelineRunResult => ({
    failedStageId: null,
    check: null,
    metrics: null,
    suggestions: [],
    trials,
    bestTrial,
    ...r,
  });
  const fail = (stageId: string | null, message: string) =>
    finish({ outcome: 'failed', failedStageId: stageId, message });

  const blocking = problems.find((x) => x.blocking);
  if (blocking) {
    onStatus({ stageId: blocking.stageId, status: 'failed', message: blocking.message });
    return fail(blocking.stageId, blocking.message);
  }
  mark(
    active('data', 'preprocess', 'augment', 'model', 'hpsearch', 'train', 'evaluate', 'deploy', 'optimize'),
    'not-started',
  );

  let current: Stage[] = [];
  /** Runs one stage's work: running → done, or failed with the reason; stops when cancelled. */
  async function step<T>(stages: Stage[], work: () => Promise<T>, done: (value: T) => string | undefined): Promise<T> {
    if (deps.isCancelled()) throw new Stop();
    current = stages;
    mark(stages, 'running');
    const value = await work();
    if (deps.isCancelled()) throw new Stop();
    mark(stages, 'done', done(value));
    return value;
  }

  const data = active('data', 'preprocess', 'augment');
  const model = stageOfKind(p, 'model');
  const search = active('hpsearch')[0];
  const train = stageOfKind(p, 'train')!;
  const evaluate = stageOfKind(p, 'evaluate')!;
  try {
    await step(
      data,
      () => deps.prepareData(),
      () => undefined,
    );
    await step(
      model ? [model] : [],
      async () => {
        const problem = deps.checkModel?.() ?? null;
        if (problem) throw new Error(problem);
      },
      () => undefined,
    );

    let trained: TrainOutcome;
    if (search?.kind === 'hpsearch') {
      const plan = expandTrials(search.config);
      await step(
        [search],
        async () => {
          for (const t of plan.trials) {
            if (deps.isCancelled()) throw new Stop();
            onStatus({
              stageId: search.id,
              status: 'running',
              message: `trial ${t.index}/${plan.trials.length} · ${t.label}`,
            });
            try {
              trials.push({ plan: t, outcome: await deps.train(t.overrides, t), scoreText: null, error: null });
            } catch (err) {
              if (deps.isCancelled()) throw new Stop();
              // One diverging trial is a normal search result; the others still count.
              trials.push({ plan: t, outcome: null, scoreText: null, error: messageOf(err) });
            }
          }
          bestTrial = rankTrials(trials, rule);
          if (bestTrial === null)
            throw new Error(
              `All ${trials.length} trials failed; the first said: ${trials[0]?.error ?? 'no trials ran'}`,
            );
        },
        () => {
          const best = trials[bestTrial!]!;
          const failed = trials.filter((t) => t.error).length;
          return `best of ${trials.length}: ${best.plan.label}${best.scoreText ? ` (${best.scoreText})` : ''}${failed ? ` · ${failed} failed` : ''}`;
        },
      );
      const best = trials[bestTrial!]!;
      // The best trial's model is the trained model; training it again would waste a run.
      trained = await step(
        [train],
        async () => best.outcome!,
        () => `kept trial ${best.plan.index}: ${best.plan.label}`,
      );
    } else {
      trained = await step(
        [train],
        () => deps.train(),
        (o) => {
          const last = o.history.at(-1);
          return last
            ? `${last.epoch} epoch${last.epoch === 1 ? '' : 's'} · loss ${formatNumber(last.loss)}`
            : undefined;
        },
      );
    }

    if (deps.isCancelled()) throw new Stop();
    current = [evaluate];
    mark([evaluate], 'running');
    const metrics = await deps.evaluate(trained);
    if (deps.isCancelled()) throw new Stop();
    const check = evaluateRule(rule, metrics);
    mark([evaluate], check.met ? 'done' : 'attention', check.text);
    const deploy = stageOfKind(p, 'deploy');
    const optimize = stageOfKind(p, 'optimize');
    if (check.met) {
      mark([deploy], 'ready', 'Target met: export the model');
      mark([optimize], 'not-started', 'Not needed: the target is met');
      return finish({
        outcome: 'met',
        message: `The target is met (${check.text}); the model is ready to deploy.`,
        check,
        metrics,
      });
    }
    const context = deps.suggestionContext?.() ?? { graph: null, settings: null, dataRows: null };
    const suggestions = suggest({
      ...context,
      history: trained.history,
      trainingMetric: trained.metric ?? null,
      check,
      hasSearch: search !== undefined,
    });
    mark(
      [optimize],
      'attention',
      `Target missed: ${suggestions.length} suggestion${suggestions.length === 1 ? '' : 's'}`,
    );
    mark([deploy], 'not-started', 'Waits for the target to be met');
    const where = optimize ? ' See Optimize for what to try next.' : '';
    return finish({
      outcome: 'not-met',
      message: `The target was missed (${check.text}).${where}`,
      check,
      metrics,
      suggestions,
    });
  } catch (err) {
    if (err instanceof Stop) {
      mark(current, 'attention', 'Cancelled before it finished');
      return finish({ outcome: 'cancelled', message: 'The run was cancelled.' });
    }
    const message = messageOf(err);
    mark(current, 'failed', message);
    const names = current.map((s) => s.name).join(', ');
    return fail(current[0]?.id ?? null, `${names || 'The run'} failed: ${message}`);
  }
}
