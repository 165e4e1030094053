/**
 * Store state ⇄ project file. The store keeps the app's own types; the project file keeps plain,
 * validated JSON. Big per-batch arrays, logs, progress and selection are not part of a project.
 */
import { analyzeGraph } from '../../model/analyze';
import type { Graph } from '../../model/graph';
import {
  PROJECT_FORMAT,
  PROJECT_VERSION,
  trainSettingsSchema,
  type Project,
  type ProjectDatasetRef,
  type ProjectRun,
} from '../../model/project-schema';
import type { LayerWeights } from '../../model/weights';
import type { TrainConfigInput } from '../../training/config';
import type { EpochLog } from '../../training/types';
import type { CsvSettings } from '../../worker/data-protocol';
import { initialDataPage } from '../data-slice';
import type { ProjectSummary } from '../projects-slice';
import type { TrainingRun, TrainSettings } from '../training-slice';
import type { LanguageModelMetrics } from '../../training/text/lm-metrics';
import { csvForProject } from './csv-for-project';
import { textForProject } from './text-for-project';
import { OPENED_WEIGHTS } from '../evaluation-slice';
import type { RunWeightsMap, StoredFile } from './project-db';
import { defaultPipeline } from '../../pipeline/model';
import type { Pipeline } from '../../pipeline/types';
import type { AppState, AppStore } from '../types';
import { ganForProject, ganRunAfterLoad, idleGanRun } from '../gan-slice';

/** The parts of the state a project is made of: autosave saves when any of them is a new object. */
export function persistedRefs(s: AppState): readonly unknown[] {
  return [
    s.currentProjectId,
    s.projectName,
    s.graph,
    s.gan,
    s.pipeline,
    s.datasetRef,
    s.dataPage.settings,
    s.dataPage.textSettings,
    s.imageSettings,
    s.trainSettings,
    s.runs,
    s.runWeights,
    s.initialWeights,
    s.datasetFile,
  ];
}

export function sameRefs(a: readonly unknown[] | null, b: readonly unknown[]): boolean {
  return a !== null && a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The Train form accepts any number while typing; a value out of the file's bounds is saved as its
 * default rather than making the whole project unreadable. The trainer refuses such values anyway.
 */
export function trainForProject(settings: TrainSettings): Project['train'] {
  const shape = trainSettingsSchema.shape;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const checked = shape[key].safeParse(settings[key]);
    out[key] = checked.success ? checked.data : shape[key].parse(undefined);
  }
  return out as Project['train'];
}

/** JSON has no NaN or Infinity: a diverged loss is saved as null and comes back as NaN. */
const toJson = (v: number) => (Number.isFinite(v) ? v : null);
const fromJson = (v: number | null) => v ?? NaN;

const jsonList = (values: readonly number[]) => values.map(toJson);
const fromJsonList = (values: readonly (number | null)[]) => values.map(fromJson);

function runForProject(run: TrainingRun, weights: LayerWeights | undefined): ProjectRun {
  return {
    id: run.id,
    name: run.name,
    config: run.config as Record<string, unknown>,
    backendLabel: run.backendLabel,
    status: run.status,
    epochs: run.epochs.map((e) => ({
      epoch: e.epoch,
      loss: toJson(e.loss),
      metric: toJson(e.metric),
      valLoss: e.valLoss === null ? null : toJson(e.valLoss),
      valMetric: e.valMetric === null ? null : toJson(e.valMetric),
      lr: toJson(e.lr),
      seconds: toJson(e.seconds),
      samplesPerSec: toJson(e.samplesPerSec),
    })),
    test: run.test && {
      loss: toJson(run.test.loss),
      n: run.test.n,
      metrics:
        run.test.metrics.kind === 'classification'
          ? { kind: 'classification', accuracy: toJson(run.test.metrics.accuracy) }
          : {
              kind: 'regression',
              mae: toJson(run.test.metrics.mae),
              mse: toJson(run.test.metrics.mse),
              r2: toJson(run.test.metrics.r2),
            },
      ...(run.test.languageModel ? { languageModel: languageModelToJson(run.test.languageModel) } : {}),
    },
    seconds: Math.max(0, run.seconds),
    metric: run.metric,
    ...(run.createdAt ? { createdAt: run.createdAt } : {}),
    ...(run.batchCurve
      ? {
          batchCurve: {
            step: jsonList(run.batchCurve.step),
            loss: jsonList(run.batchCurve.loss),
            metric: jsonList(run.batchCurve.metric),
          },
        }
      : {}),
    ...(run.data ? { data: run.data } : {}),
    weights: weights ? weightsCount(weights) : null,
  };
}

function runFromProject(run: ProjectRun): TrainingRun {
  const epochs: EpochLog[] = run.epochs.map((e) => ({
    ...e,
    loss: fromJson(e.loss),
    metric: fromJson(e.metric),
    lr: fromJson(e.lr),
    seconds: fromJson(e.seconds),
    samplesPerSec: fromJson(e.samplesPerSec),
  }));
  const m = run.test?.metrics;
  const { weights: _stored, batchCurve, ...rest } = run;
  return {
    ...rest,
    ...(batchCurve
      ? {
          batchCurve: {
            step: fromJsonList(batchCurve.step),
            loss: fromJsonList(batchCurve.loss),
            metric: fromJsonList(batchCurve.metric),
          },
        }
      : {}),
    config: run.config as TrainConfigInput,
    // Nothing is training after a reload; the Train page offers its own checkpoint resume.
    status: run.status === 'running' ? 'stopped' : run.status,
    epochs,
    test: run.test && {
      loss: fromJson(run.test.loss),
      n: run.test.n,
      metrics:
        m?.kind === 'regression'
          ? { kind: 'regression', mae: fromJson(m.mae), mse: fromJson(m.mse), r2: fromJson(m.r2) }
          : { kind: 'classification', accuracy: fromJson(m?.accuracy ?? null) },
      ...(run.test.languageModel ? { languageModel: languageModelFromJson(run.test.languageModel) } : {}),
    },
  };
}

function languageModelToJson(lm: LanguageModelMetrics) {
  return {
    kind: lm.kind,
    tokens: lm.tokens,
    accuracy: toJson(lm.accuracy),
    natsPerToken: toJson(lm.natsPerToken),
    perplexity: toJson(lm.perplexity),
    bitsPerChar: lm.bitsPerChar === null ? null : toJson(lm.bitsPerChar),
  };
}

type StoredLanguageModel = NonNullable<NonNullable<ProjectRun['test']>['languageModel']>;

function languageModelFromJson(lm: StoredLanguageModel): LanguageModelMetrics {
  return {
    kind: 'language-model',
    tokens: lm.tokens,
    accuracy: fromJson(lm.accuracy),
    natsPerToken: fromJson(lm.natsPerToken),
    perplexity: fromJson(lm.perplexity),
    bitsPerChar: lm.bitsPerChar,
  };
}

function weightsCount(weights: LayerWeights) {
  const lists = Object.values(weights);
  return {
    layers: lists.length,
    tensors: lists.reduce((n, l) => n + l.length, 0),
    values: lists.reduce((n, l) => n + l.reduce((m, w) => m + w.values.length, 0), 0),
  };
}

/** The open project as a project file, stamped `now`. */
export function snapshotProject(s: AppState, now: Date, id = s.currentProjectId): Project {
  if (!id) throw new Error('No project is open');
  const stamp = now.toISOString();
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    id,
    name: s.projectName,
    createdAt: s.projectCreatedAt ?? stamp,
    updatedAt: stamp,
    scenario: s.projectScenario,
    graph: s.graph as Project['graph'],
    pipeline: s.pipeline as unknown as Project['pipeline'],
    dataset: s.datasetRef,
    data: {
      csv: csvForProject(s.dataPage.settings).csv,
      images: s.imageSettings,
      text: textForProject(s.dataPage.textSettings),
    },
    train: trainForProject(s.trainSettings),
    runs: s.runs.map((r) => runForProject(r, s.runWeights[r.id])),
    // Each run's weights are stored under its id; this names the weights the model came with.
    weights: s.initialWeights ? { runId: null, ...weightsCount(s.initialWeights) } : null,
    // A GAN keeps both networks; `graph` holds the generator, the network that exports.
    ...(s.gan ? { gan: ganForProject(s), graph: ganForProject(s)!.generator } : {}),
  };
}

export function datasetLabel(ref: ProjectDatasetRef | null): string | null {
  if (!ref) return null;
  return ref.kind === 'builtin' ? `${ref.id} (built-in)` : ref.name;
}

function paramCount(graph: Project['graph']): number {
  try {
    return analyzeGraph(graph as Graph).totals.total;
  } catch {
    return 0; // a graph the analyser cannot size still gets a card
  }
}

export function summarize(project: Project, params = paramCount(project.graph)): ProjectSummary {
  return {
    id: project.id,
    name: project.name,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
    dataset: datasetLabel(project.dataset),
    layers: project.graph.nodes.length,
    params,
    runs: project.runs.length,
    hasWeights: project.weights !== null || project.runs.some((r) => r.weights),
  };
}

/** A project as read from storage or a file, its pipeline already validated. */
export interface LoadedProject {
  readonly project: Project;
  /** Validated by readPipeline; null: the project has none saved (the default is shown). */
  readonly pipeline: unknown;
  /** Weights by run id; OPENED_WEIGHTS holds the ones the model came with. */
  readonly weights: RunWeightsMap;
  readonly file: StoredFile | null;
}

/** Everything but the graph (which goes through resetGraph, so history starts afresh). */
export function stateFromProject(loaded: LoadedProject, current: AppState): Partial<AppState> {
  const { project } = loaded;
  const { builtins, builtinsError } = current.dataPage;
  const { [OPENED_WEIGHTS]: opened = null, ...runWeights } = loaded.weights;
  return {
    currentProjectId: project.id,
    projectName: project.name,
    projectCreatedAt: project.createdAt,
    projectScenario: project.scenario,
    datasetRef: project.dataset,
    datasetFile: loaded.file?.blob ?? null,
    imageSettings: project.data.images,
    dataset: null,
    bindingProblems: [],
    dataPage: {
      ...initialDataPage,
      builtins,
      builtinsError,
      settings: project.data.csv as CsvSettings,
      textSettings: project.data.text ?? {},
      fileName: datasetLabel(project.dataset),
    },
    trainSettings: project.train,
    runs: project.runs.map(runFromProject),
    currentRunId: null,
    runWeights,
    selectedRunId: null,
    // Weights no run here produced came with the model (an import, a pretrained backbone):
    // training starts from them again, as before the reload.
    initialWeights: opened,
    initialWeightsLabel: opened ? 'the saved project' : null,
    evaluation: null,
    evaluationStatus: 'idle',
    evaluationError: null,
    lastCheckpoint: null,
    comparedRunIds: [],
    trainingLog: [],
    trainingProblem: null,
    progress: null,
    selection: [],
    edgeSelection: [],
    conflict: null,
    gan: project.gan
      ? {
          active: 'generator',
          parked: { graph: project.gan.discriminator as Graph, past: [], future: [] },
          settings: project.gan.settings,
          runs: project.gan.runs,
        }
      : null,
    ganRun: project.gan ? ganRunAfterLoad(project.gan.runs, runWeights) : idleGanRun,
  };
}

export function applyProject(store: AppStore, loaded: LoadedProject): void {
  const s = store.getState();
  s.resetGraph((loaded.project.gan?.generator ?? loaded.project.graph) as Graph);
  store.setState(stateFromProject(loaded, store.getState()));
  store.getState().resetPipeline((loaded.pipeline as Pipeline | null) ?? defaultPipeline());
  store.getState().requestFit();
}
