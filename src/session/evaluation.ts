/**
 * Evaluate and Deploy: which run they use (the user's pick, else the best by the scenario's
 * metric), scoring it on the test split in the evaluation worker, try-it predictions, and the
 * export ZIP and browser save of the chosen run.
 */
import { flattenGraph } from '../model/blocks';
import type { LayerWeights } from '../model/weights';
import { OPENED_WEIGHTS } from '../store/evaluation-slice';
import type { AppState, AppStore } from '../store/types';
import type { ExportRun } from '../compiler/bundle/metadata-schema';
import type { Explained, Exported, Generated, GenerateRequest, PredictInput } from '../worker/eval-protocol';
import type { TestMetrics } from '../worker/train-protocol';
import type { Prediction } from '../worker/eval-client';
import type { SessionClients } from './clients';
import { exportDataSource } from './dataset-info';
import { safeFileName } from './download';
import { chosenRun, runLengthText, type RunChoice } from './runs';

export type ExportResult = Omit<Exported, 'type' | 'id' | 'zip'> & {
  readonly zipBytes: number;
  readonly fileName: string;
  readonly run: RunChoice;
};

export interface EvaluationSession {
  /** The run in use and why; null when there are no weights at all. */
  choice(): RunChoice | null;
  /** Why there is nothing to evaluate yet, or null. */
  blocker(): { message: string; page: 'data' | 'train' } | null;
  /** Scores the chosen run on the test split (no-op while a scoring runs). */
  evaluate(): Promise<void>;
  predict(input: PredictInput): Promise<Prediction>;
  /** Language models: samples text, `onPiece` hearing each token's text as it comes; abort stops it. */
  generate(
    request: Omit<GenerateRequest, 'type' | 'id'>,
    onPiece: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<Generated>;
  /** Text classifiers: probabilities, each token's importance and the attention maps for `text`. */
  explain(text: string, signal?: AbortSignal): Promise<Explained>;
  exportBlocker(): string | null;
  exportZip(name: string): Promise<ExportResult>;
  saveInBrowser(name: string): Promise<string>;
}

/** The run in use, computed from the state (also used by React selectors through the session). */
export function choiceOf(st: AppState): RunChoice | null {
  const opened = st.initialWeights
    ? { label: `${st.initialWeightsLabel ?? 'Opened model'} (weights as opened)` }
    : null;
  return chosenRun(st.runs, st.runWeights, st.selectedRunId, opened, st.selectedRunBy);
}

export function weightsOfChoice(st: AppState, choice: RunChoice | null): LayerWeights | null {
  if (!choice) return null;
  return choice.id === OPENED_WEIGHTS ? st.initialWeights : (st.runWeights[choice.id] ?? null);
}

/** Names become file names and indexeddb:// keys: keep them short and printable. */
export function checkModelName(name: string): string | null {
  if (name.trim().length === 0) return 'Give the model a name.';
  if (name.length > 100) return 'The name is too long: use at most 100 characters.';
  if ([...name].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 32))
    return 'The name cannot hold slashes or control characters.';
  return null;
}

/** A run's test scores as metadata.json lists them. */
function testScores(test: TestMetrics | null): ExportRun['test'] {
  if (!test) return null;
  const m = test.metrics;
  return m.kind === 'classification'
    ? { loss: test.loss, accuracy: m.accuracy, n: test.n }
    : { loss: test.loss, mae: m.mae, mse: m.mse, r2: m.r2, n: test.n };
}

export function createEvaluationSession(store: AppStore, clients: SessionClients): EvaluationSession {
  const s = () => store.getState();
  /** The weights object the worker holds now; predictions need it loaded. */
  let loadedWeights: object | null = null;

  function blocker(): ReturnType<EvaluationSession['blocker']> {
    const st = s();
    if (!st.dataset) return { message: 'There is no dataset yet: pick or upload one on the Data page.', page: 'data' };
    if (!weightsOfChoice(st, choiceOf(st)))
      return {
        message:
          'There are no trained weights yet: train the model on the Train page (or open a model with its weights).',
        page: 'train',
      };
    if (st.dataset.test.n === 0)
      return {
        message: 'The test split is empty: give it a share (e.g. 15%) on the Data page, then train again.',
        page: 'data',
      };
    return null;
  }

  async function evaluate(): Promise<void> {
    const st = s();
    const choice = choiceOf(st);
    const weights = weightsOfChoice(st, choice);
    const dataset = st.dataset;
    if (blocker() || !weights || !dataset || !choice || st.evaluationStatus === 'running') return;
    st.patchEvaluation({ evaluationStatus: 'running', evaluationError: null, selectedCell: null });
    try {
      const c = await clients.evalWorker();
      const scored = await c.load({
        // Workers and exports see layers only: blocks are flattened here (src/model/blocks.ts).
        graph: flattenGraph(st.graph).graph,
        weights,
        task: dataset.task,
        inputShape: dataset.inputShape,
        ...(dataset.inputs ? { inputs: dataset.inputs } : {}),
        test: dataset.test,
        transform: dataset.transform,
        // The baselines are counted on the training windows and scored on the same test chunk.
        ...(dataset.task === 'next-token' ? { baselineTrain: dataset.train } : {}),
      });
      loadedWeights = weights;
      const run = st.runs.find((r) => r.id === choice.id);
      s().patchEvaluation({
        evaluationStatus: 'done',
        evaluation: {
          label: run ? `${run.name} · ${runLengthText(run)}` : choice.label,
          runId: run ? run.id : null,
          backend: scored.backend,
          n: scored.n,
          loss: scored.loss,
          metrics: scored.metrics,
          predictions: scored.predictions,
          units: scored.units,
          seconds: scored.seconds,
          records: scored.records,
          ...(scored.languageModel ? { languageModel: scored.languageModel } : {}),
          weightsRef: weights,
        },
      });
    } catch (err) {
      loadedWeights = null;
      const detail = err instanceof Error ? err.message : String(err);
      s().patchEvaluation({
        evaluationStatus: 'failed',
        evaluationError: `The model could not be evaluated: ${detail}. If you changed the model after training, train it again.`,
      });
    }
  }

  /** The evaluation worker with the chosen run's weights loaded (scored first when they are not). */
  async function loadedWorker() {
    if (loadedWeights === null || loadedWeights !== weightsOfChoice(s(), choiceOf(s()))) await evaluate();
    if (loadedWeights === null) throw new Error(s().evaluationError ?? 'Train the model first.');
    return clients.evalWorker();
  }

  async function predict(input: PredictInput): Promise<Prediction> {
    return (await loadedWorker()).predict(input);
  }

  async function generate(
    request: Omit<GenerateRequest, 'type' | 'id'>,
    onPiece: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<Generated> {
    return (await loadedWorker()).generate(request, onPiece, signal);
  }

  async function explain(text: string, signal?: AbortSignal): Promise<Explained> {
    return (await loadedWorker()).explain(text, signal);
  }

  function exportBlocker(): string | null {
    const st = s();
    if (st.graph.nodes.length === 0) return 'The model is empty: build one on the Model page.';
    if (st.analysis.errors.length > 0)
      return `The model has errors (${st.analysis.errors[0]!.message}); fix them on the Model page.`;
    if (!weightsOfChoice(st, choiceOf(st)))
      return 'There are no trained weights yet: train the model first (or open a model with its weights).';
    return null;
  }

  function chosenWeights(): { choice: RunChoice; weights: LayerWeights } {
    const choice = choiceOf(s());
    const weights = weightsOfChoice(s(), choice);
    if (!choice || !weights) throw new Error(exportBlocker() ?? 'Nothing to export.');
    return { choice, weights };
  }

  async function exportZip(name: string): Promise<ExportResult> {
    const st = s();
    const { choice, weights } = chosenWeights();
    const d = st.dataset;
    const run = st.runs.find((r) => r.id === choice.id);
    const out = await (
      await clients.evalWorker()
    ).exportModel({
      name,
      graph: flattenGraph(st.graph).graph,
      weights,
      dataset: d
        ? {
            name: d.name,
            kind: d.kind,
            task: d.task,
            inputShape: d.inputShape,
            classNames: d.classNames,
            transform: d.transform,
            ...(d.inputs ? { inputs: d.inputs } : {}),
          }
        : null,
      run: run
        ? {
            id: run.id,
            name: run.name,
            settings: run.config as Record<string, unknown>,
            epochs: run.epochs.length,
            test: testScores(run.test),
            data: run.data ?? null,
          }
        : { id: OPENED_WEIGHTS, name: choice.label, settings: null, epochs: 0, test: null, data: null },
      data: d ? exportDataSource(st.dataPage, d) : null,
    });
    const fileName = `${safeFileName(name)}.zip`;
    clients.download(out.zip, fileName, 'application/zip');
    return {
      files: out.files,
      snippets: out.snippets,
      warnings: out.warnings,
      zipBytes: out.zip.byteLength,
      fileName,
      run: choice,
    };
  }

  async function saveInBrowser(name: string): Promise<string> {
    const { weights } = chosenWeights();
    const saved = await (
      await clients.evalWorker()
    ).saveToBrowser({ name, graph: flattenGraph(s().graph).graph, weights });
    return saved.url;
  }

  return {
    choice: () => choiceOf(s()),
    blocker,
    evaluate,
    predict,
    generate,
    explain,
    exportBlocker,
    exportZip,
    saveInBrowser,
  };
}
