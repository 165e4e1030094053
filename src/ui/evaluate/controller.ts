/**
 * Drives the evaluation worker for the Evaluate and Deploy pages: scores the latest weights on
 * the test split and answers try-it predictions. The client is imported lazily so tfjs stays
 * out of the app shell.
 */
import { appStore } from '../../store/app-store';
import type { EvalClient, Prediction } from '../../worker/eval-client';
import type { PredictInput } from '../../worker/eval-protocol';

let client: EvalClient | null = null;
/** The weights object the worker holds now; predictions need it loaded. */
let loadedWeights: object | null = null;

/** The one evaluation worker, shared by Evaluate (scores, try-it) and Deploy (export, save). */
export async function getClient(): Promise<EvalClient> {
  if (client) return client;
  const { EvalClient } = await import('../../worker/eval-client');
  client = new EvalClient();
  return client;
}

/** Why there is nothing to evaluate yet, or null. */
export function evaluationBlocker(): { message: string; page: 'data' | 'train' } | null {
  const st = appStore.getState();
  if (!st.dataset) return { message: 'There is no dataset yet: pick or upload one on the Data page.', page: 'data' };
  if (!st.lastGoodWeights)
    return { message: 'There are no trained weights yet: train the model on the Train page (or open a model with its weights).', page: 'train' };
  if (st.dataset.test.n === 0)
    return { message: 'The test split is empty: give it a share (e.g. 15%) on the Data page, then train again.', page: 'data' };
  return null;
}

function weightsLabel(): string {
  const st = appStore.getState();
  if (st.lastGoodWeights === st.initialWeights) return `${st.initialWeightsLabel ?? 'Opened model'} (weights as opened)`;
  const run = st.runs.find((r) => r.id === st.currentRunId);
  if (!run) return 'Opened model';
  const epochs = run.epochs.length;
  return `${run.name} · ${epochs} epoch${epochs === 1 ? '' : 's'}`;
}

/** Scores the latest weights on the test split (no-op while a scoring is running). */
export async function evaluateLatest(): Promise<void> {
  const st = appStore.getState();
  const weights = st.lastGoodWeights;
  const dataset = st.dataset;
  if (evaluationBlocker() || !weights || !dataset || st.evaluationStatus === 'running') return;
  st.patchEvaluation({ evaluationStatus: 'running', evaluationError: null, selectedCell: null });
  try {
    const c = await getClient();
    const scored = await c.load({
      graph: st.graph,
      weights,
      task: dataset.task,
      inputShape: dataset.inputShape,
      test: dataset.test,
      transform: dataset.transform,
    });
    loadedWeights = weights;
    appStore.getState().patchEvaluation({
      evaluationStatus: 'done',
      evaluation: {
        label: weightsLabel(),
        runId: st.currentRunId,
        backend: scored.backend,
        n: scored.n,
        loss: scored.loss,
        metrics: scored.metrics,
        predictions: scored.predictions,
        units: scored.units,
        seconds: scored.seconds,
        records: scored.records,
        weightsRef: weights,
      },
    });
  } catch (err) {
    loadedWeights = null;
    const detail = err instanceof Error ? err.message : String(err);
    appStore.getState().patchEvaluation({
      evaluationStatus: 'failed',
      evaluationError: `The model could not be evaluated: ${detail}. If you changed the model after training, train it again.`,
    });
  }
}

/** One prediction with the evaluated weights (scoring them first if needed). */
export async function predict(input: PredictInput): Promise<Prediction> {
  const st = appStore.getState();
  if (!client || loadedWeights !== st.lastGoodWeights) await evaluateLatest();
  if (!client || loadedWeights === null) throw new Error(appStore.getState().evaluationError ?? 'Train the model first.');
  return client.predict(input);
}
