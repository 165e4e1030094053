import type { StateCreator } from 'zustand';
import type { EvaluationMetrics } from '../training/metrics';
import type { LanguageModelScores } from '../worker/eval-protocol';
import type { AppState } from './types';

/** The test-split scores of one weights snapshot, as the evaluation worker returned them. */
export interface ScoredModel {
  /** What was scored: "Run 2 · epoch 5" or "Imported model". */
  readonly label: string;
  readonly runId: string | null;
  readonly backend: string;
  readonly n: number;
  readonly loss: number;
  readonly metrics: EvaluationMetrics;
  /** n × units outputs on the test split, in its order. */
  readonly predictions: Float32Array;
  readonly units: number;
  readonly seconds: number;
  /** Tables only: the first test rows decoded to what the user wrote (see eval-protocol). */
  readonly records: readonly Readonly<Record<string, string>>[] | null;
  /** Next-token models: held-out scores beside the unigram and bigram baselines. */
  readonly languageModel?: LanguageModelScores;
  /** The weights object scored, so the page knows when newer weights exist. */
  readonly weightsRef: object;
}

/** The pseudo run id of weights that came with the model (an opened file, a pretrained template). */
export const OPENED_WEIGHTS = 'opened';

export interface EvaluationSlice {
  /** The run Evaluate and Deploy use; null: the best run by the scenario's metric. */
  selectedRunId: string | null;
  /** Who picked it, for the picker's sentence: the user, or the pipeline (its best trial). */
  selectedRunBy: 'user' | 'pipeline';
  selectRun(id: string | null, by?: 'user' | 'pipeline'): void;
  evaluationStatus: 'idle' | 'running' | 'done' | 'failed';
  evaluation: ScoredModel | null;
  evaluationError: string | null;
  /** Decision threshold for binary tasks (probability of the positive class). */
  threshold: number;
  /** The confusion-matrix cell whose examples are listed: [true class, predicted class]. */
  selectedCell: readonly [number, number] | null;
  patchEvaluation(
    patch: Partial<
      Pick<EvaluationSlice, 'evaluationStatus' | 'evaluation' | 'evaluationError' | 'threshold' | 'selectedCell'>
    >,
  ): void;
}

export const createEvaluationSlice: StateCreator<AppState, [], [], EvaluationSlice> = (set) => ({
  selectedRunId: null,
  selectedRunBy: 'user',
  selectRun(selectedRunId, selectedRunBy = 'user') {
    set({ selectedRunId, selectedRunBy });
  },
  evaluationStatus: 'idle',
  evaluation: null,
  evaluationError: null,
  threshold: 0.5,
  selectedCell: null,
  patchEvaluation(patch) {
    set(patch);
  },
});
