import type { Task } from '../data/types';
import { STAGE_KINDS_INFO } from './catalog';
import { formatCount, formatNumber } from './facts';
import { expandTrials } from './hp-search';
import { flowProblems, pipelineRule, stageOfKind } from './model';
import { evaluateRule, metricsForTask, ruleText, type RuleCheck } from './rule';
import type { MetricValues, Pipeline, Stage, StageStatus } from './types';

/** A stage's state as the runner last reported it. */
export interface StageRun {
  readonly status: StageStatus;
  readonly message?: string;
}

/**
 * Everything the stage nodes summarise, as plain values. The UI builds it from the store; tests
 * write it by hand.
 */
export interface PipelineSnapshot {
  readonly dataset: {
    readonly name: string;
    readonly rows: number;
    readonly classes: number | null;
    readonly task: Task;
  } | null;
  /** The Data page is reading or preparing a dataset. */
  readonly dataBusy: boolean;
  /** Why reading the dataset failed, if it did. */
  readonly dataError: string | null;
  readonly graph: { readonly layers: number; readonly params: number; readonly errors: number };
  /** The latest training run: live while running; null before the first run. */
  readonly training: {
    readonly running: boolean;
    readonly paused: boolean;
    readonly epoch: number;
    readonly endEpoch: number;
    readonly loss: number | null;
    readonly outcome: 'completed' | 'early-stopped' | 'stopped' | 'failed' | 'crashed' | null;
    readonly problem: string | null;
  } | null;
  /** Test-set metrics of the latest run that has them. */
  readonly test: MetricValues | null;
  /** Per-stage states from the pipeline runner, by stage id. */
  readonly runs: Readonly<Record<string, StageRun>>;
  /** How many Optimize suggestions the latest scores (or the last pipeline run) brought. */
  readonly suggestions: number;
}

export interface StageView {
  readonly status: StageStatus;
  readonly summary: string;
}

export const STATUS_LABEL: Readonly<Record<StageStatus, string>> = {
  'not-started': 'not started',
  ready: 'ready',
  running: 'running',
  done: 'done',
  failed: 'failed',
  attention: 'needs attention',
};

const plural = (n: number, word: string, words = `${word}s`) => `${formatCount(n)} ${n === 1 ? word : words}`;
const view = (status: StageStatus, summary: string): StageView => ({ status, summary });

function dataView(s: PipelineSnapshot): StageView {
  if (s.dataError) return view('failed', s.dataError);
  if (s.dataBusy) return view('running', 'Reading the dataset…');
  const d = s.dataset;
  if (!d) return view('not-started', 'No dataset yet: pick or upload one');
  const tail = d.task === 'regression' || d.classes === null ? 'regression' : plural(d.classes, 'class', 'classes');
  return view('done', `${d.name} · ${plural(d.rows, 'row')} · ${tail}`);
}

function modelView(s: PipelineSnapshot): StageView {
  const g = s.graph;
  if (g.layers === 0) return view('not-started', 'Empty: build a model or load a template');
  if (g.errors > 0) return view('attention', `${plural(g.layers, 'layer')} · ${plural(g.errors, 'problem')} to fix`);
  return view('done', `${plural(g.layers, 'layer')} · ${formatCount(g.params)} params`);
}

function trainView(s: PipelineSnapshot): StageView {
  const t = s.training;
  const loss = t?.loss != null ? ` · loss ${formatNumber(t.loss)}` : '';
  if (t?.running) return view('running', `${t.paused ? 'paused at ' : ''}epoch ${t.epoch}/${t.endEpoch}${loss}`);
  if (t?.outcome === 'failed' || t?.outcome === 'crashed')
    return view('failed', t.problem ?? 'Training failed; see the Train page');
  if (t?.outcome) {
    const how = t.outcome === 'early-stopped' ? 'stopped early at ' : t.outcome === 'stopped' ? 'stopped at ' : '';
    return view('done', `${how}${plural(t.epoch, 'epoch')}${loss}`);
  }
  if (s.dataset && s.graph.layers > 0 && s.graph.errors === 0) return view('ready', 'Ready to train');
  return view('not-started', 'Needs a dataset and a valid model');
}

function evaluateView(s: PipelineSnapshot, check: RuleCheck | null): StageView {
  if (check) return view(check.met ? 'done' : 'attention', check.text);
  if (s.training?.outcome && !s.training.running) return view('ready', 'Trained; not evaluated yet');
  return view('not-started', 'Waits for training');
}

function scenarioView(p: Pipeline, s: PipelineSnapshot): StageView {
  const scenario = stageOfKind(p, 'scenario');
  const rule = pipelineRule(p);
  const text = `test ${ruleText(rule)}`;
  if (!scenario) return view('not-started', text);
  const task = scenario.config.taskType;
  if (!metricsForTask(task).includes(rule.metric))
    return view('attention', `${rule.metric} does not fit a ${task} task; pick another metric`);
  const dataTask = s.dataset ? (s.dataset.task === 'regression' ? 'regression' : 'classification') : null;
  if (dataTask && dataTask !== task) return view('attention', `The data is ${dataTask} but the scenario says ${task}`);
  return view('ready', text);
}

function hpsearchView(stage: Extract<Stage, { kind: 'hpsearch' }>): StageView {
  const { trials, combinations } = expandTrials(stage.config);
  const names = stage.config.params.map(
    (p) =>
      ({ learningRate: 'learning rate', batchSize: 'batch size', epochs: 'epochs', optimizer: 'optimizer' })[p.name],
  );
  const of = trials.length < combinations ? ` of ${combinations}` : '';
  return view('ready', `${stage.config.mode} · ${plural(trials.length, 'trial')}${of} over ${names.join(', ')}`);
}

/** Does the runner's report outrank the live view? Live data wins for finished states, which it mirrors. */
function runWins(stage: Stage, run: StageRun | undefined, live: StageView): run is StageRun {
  if (!run || run.status === 'not-started') return false;
  if (stage.kind === 'train' && live.status === 'running') return false;
  return run.status === 'running' || run.status === 'failed' || run.status === 'attention' || stage.kind === 'hpsearch';
}

/** Status and one-line summary for every stage, from the pipeline and a snapshot of the app. */
export function stageViews(p: Pipeline, s: PipelineSnapshot): Record<string, StageView> {
  const check = s.test ? evaluateRule(pipelineRule(p), s.test) : null;
  const data = dataView(s);
  const problems = flowProblems(p);
  const out: Record<string, StageView> = {};
  for (const stage of p.stages) {
    let live: StageView;
    switch (stage.kind) {
      case 'scenario':
        live = scenarioView(p, s);
        break;
      case 'data':
        live = data;
        break;
      case 'preprocess':
      case 'augment':
        live = view(
          data.status === 'done' ? 'done' : data.status === 'running' ? 'running' : 'not-started',
          'Set on the Data page',
        );
        break;
      case 'model':
        live = modelView(s);
        break;
      case 'hpsearch':
        live = hpsearchView(stage);
        break;
      case 'train':
        live = trainView(s);
        break;
      case 'evaluate':
        live = evaluateView(s, check);
        break;
      case 'deploy':
        live = check?.met
          ? view('ready', 'Target met: export the model')
          : view('not-started', 'Waits for the target to be met');
        break;
      case 'optimize':
        live =
          check && !check.met
            ? view(
                'attention',
                s.suggestions > 0
                  ? `Target missed: ${plural(s.suggestions, 'suggestion')}`
                  : 'Target missed: no specific advice from these scores',
              )
            : view('not-started', check?.met ? 'Not needed: the target is met' : 'Used when the target is missed');
        break;
      case 'notes':
        live = view(
          'not-started',
          stage.config.text
            .split('\n')
            .find((l) => l.trim() !== '')
            ?.trim() || 'Empty note',
        );
        break;
    }
    const problem = problems.find((x) => x.stageId === stage.id);
    if (problem && live.status !== 'running') live = view('attention', problem.message);
    const run = s.runs[stage.id];
    out[stage.id] = runWins(stage, run, live) ? view(run.status, run.message ?? live.summary) : live;
  }
  return out;
}

/** Whether a stage has a status at all (Notes do not take part in runs). */
export function showsStatus(stage: Stage): boolean {
  return STAGE_KINDS_INFO[stage.kind].runs || stage.kind === 'scenario';
}
