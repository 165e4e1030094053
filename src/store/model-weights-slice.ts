import type { StateCreator } from 'zustand';
import type { LayerWeights } from '../model/weights';
import { OPENED_WEIGHTS } from './evaluation-slice';
import type { AppState } from './types';

/**
 * Weights that came with the graph rather than from training here: an opened model.json with
 * its .bin files, or a template's pretrained backbone. Training starts from them (fine-tuning)
 * and Evaluate can score them before any training.
 */
export interface ModelWeightsSlice {
  initialWeights: LayerWeights | null;
  /** Where they came from, for messages: "mobilenet.json", "Fashion-MNIST backbone". */
  initialWeightsLabel: string | null;
  setInitialWeights(weights: LayerWeights | null, label?: string | null): void;
}

export const createModelWeightsSlice: StateCreator<AppState, [], [], ModelWeightsSlice> = (set) => ({
  initialWeights: null,
  initialWeightsLabel: null,
  setInitialWeights(weights, label = null) {
    // Evaluate and Deploy use what was just opened (the runs stay in the picker); no weights: the best run.
    set({ initialWeights: weights, initialWeightsLabel: weights ? label : null, selectedRunId: weights ? OPENED_WEIGHTS : null, selectedRunBy: 'user' });
  },
});
