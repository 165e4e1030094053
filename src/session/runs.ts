/**
 * Which run Evaluate and Deploy use, and why: pure functions over the runs list, so the picker,
 * the pipeline and the tests agree.
 */
import type { LayerWeights } from '../model/weights';
import { OPENED_WEIGHTS } from '../store/evaluation-slice';
import type { TrainingRun } from '../store/training-slice';

export interface RunChoice {
  /** A run id, or OPENED_WEIGHTS for the weights the model came with. */
  readonly id: string;
  readonly label: string;
  /** One sentence: why this is the default, or that the user picked it. */
  readonly reason: string;
}

/** The number a run is judged by, and whether higher is better; null when it has none. */
export function runScore(run: TrainingRun): { value: number; higherBetter: boolean; text: string } | null {
  // A language model is judged by how well it predicts held-out text, not by per-token accuracy.
  const lm = run.test?.languageModel;
  if (lm?.bitsPerChar != null && Number.isFinite(lm.bitsPerChar))
    return { value: lm.bitsPerChar, higherBetter: false, text: `test bits per character ${lm.bitsPerChar.toFixed(4)}` };
  if (lm && Number.isFinite(lm.natsPerToken))
    return { value: lm.natsPerToken, higherBetter: false, text: `test loss ${lm.natsPerToken.toFixed(4)} nats/token` };
  const m = run.test?.metrics;
  if (m?.kind === 'classification' && Number.isFinite(m.accuracy))
    return { value: m.accuracy, higherBetter: true, text: `test accuracy ${m.accuracy.toFixed(4)}` };
  if (m?.kind === 'regression' && Number.isFinite(m.mae))
    return { value: m.mae, higherBetter: false, text: `test MAE ${m.mae.toFixed(4)}` };
  const last = run.epochs.at(-1);
  const v = last?.valMetric;
  if (v != null && Number.isFinite(v)) {
    const higherBetter = run.metric === 'accuracy';
    return {
      value: v,
      higherBetter,
      text: `validation ${run.metric === 'accuracy' ? 'accuracy' : 'MAE'} ${v.toFixed(4)}`,
    };
  }
  return null;
}

/**
 * How far a run trained, for the Evaluate and Deploy pages: "2 epochs", and for a run stopped
 * part-way "0 epochs · stopped after 7 batches" (its weights are those it reached, not an
 * epoch's end). The batches are counted from the run's saved batch curve, whose last step is the
 * run's last batch.
 */
export function runLengthText(run: TrainingRun): string {
  const epochs = `${run.epochs.length} epoch${run.epochs.length === 1 ? '' : 's'}`;
  if (run.status !== 'stopped') return epochs;
  const batches = run.batchCurve?.step.at(-1) ?? 0;
  return batches > 0 ? `${epochs} · stopped after ${batches} batch${batches === 1 ? '' : 'es'}` : `${epochs} · stopped`;
}

/** The best run that has weights: best test score, else best validation score, else the newest. */
export function bestRun(
  runs: readonly TrainingRun[],
  weights: Readonly<Record<string, LayerWeights>>,
): RunChoice | null {
  const usable = runs.filter((r) => weights[r.id]);
  if (usable.length === 0) return null;
  const scored = usable.map((run) => ({ run, score: runScore(run) })).filter((x) => x.score !== null);
  if (scored.length === 0) {
    const run = usable.at(-1)!;
    return {
      id: run.id,
      label: run.name,
      reason: `${run.name} is the newest run with weights (no run has a score yet).`,
    };
  }
  // Runs scored on the test split outrank runs scored only on validation data.
  const onTest = scored.filter((x) => x.run.test !== null);
  const pool = onTest.length > 0 ? onTest : scored;
  let best = pool[0]!;
  for (const x of pool.slice(1)) {
    const a = x.score!;
    const b = best.score!;
    if (a.higherBetter ? a.value > b.value : a.value < b.value) best = x;
  }
  const of = pool.length === 1 ? 'the only scored run' : `the best of ${pool.length} runs`;
  return { id: best.run.id, label: best.run.name, reason: `${best.run.name} has ${best.score!.text}, ${of}.` };
}

/** The run in use: the user's pick while it still exists, else the best run, else the opened weights. */
export function chosenRun(
  runs: readonly TrainingRun[],
  weights: Readonly<Record<string, LayerWeights>>,
  selected: string | null,
  opened: { label: string } | null,
  by: 'user' | 'pipeline' = 'user',
): RunChoice | null {
  if (selected === OPENED_WEIGHTS && opened)
    return {
      id: OPENED_WEIGHTS,
      label: opened.label,
      reason: 'The weights the model came with (opened most recently).',
    };
  const picked = selected ? runs.find((r) => r.id === selected && weights[r.id]) : undefined;
  if (picked) {
    const s = runScore(picked);
    const who = by === 'pipeline' ? 'The pipeline kept' : 'You chose';
    return { id: picked.id, label: picked.name, reason: `${who} ${picked.name}${s ? ` (${s.text})` : ''}.` };
  }
  const best = bestRun(runs, weights);
  if (best) return best;
  return opened
    ? {
        id: OPENED_WEIGHTS,
        label: opened.label,
        reason: 'No run has trained weights yet: these are the weights the model came with.',
      }
    : null;
}
