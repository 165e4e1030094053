/**
 * A GAN project's two graphs, its settings and its live run. The canvas edits one graph at a time
 * through the graph slice: the active part lives in `graph` (with its undo history), the other is
 * parked here with its own history, and switching tabs swaps them. So every canvas gesture, undo
 * and analysis works for both graphs without a second editor.
 */
import type { StateCreator } from 'zustand';
import { analyzeGraph } from '../model/analyze';
import type { GanGraphs, GanPart } from '../model/gan';
import type { Graph } from '../model/graph';
import {
  ganSettingsSchema,
  ganWeightKey,
  type GanRunRecord,
  type GanSettings,
  type ProjectGan,
} from '../model/project-schema';
import type { LayerWeights } from '../model/weights';
import type { GanWeights } from '../worker/train-protocol';
import type { AppState } from './types';

export type { GanSettings, GanRunRecord };

export interface ParkedGraph {
  readonly graph: Graph;
  readonly past: readonly Graph[];
  readonly future: readonly Graph[];
}

export interface GanState {
  /** The part the canvas edits; its graph is the graph slice's `graph`. */
  readonly active: GanPart;
  /** The other part, with its undo history. */
  readonly parked: ParkedGraph;
  readonly settings: GanSettings;
  /** The project's GAN runs, oldest first (saved with the project; weights under ganWeightKey). */
  readonly runs: readonly GanRunRecord[];
}

/** One logged generator step, as the worker reports it. */
export interface GanStepPoint {
  readonly step: number;
  readonly epoch: number;
  readonly dLoss: number;
  readonly gLoss: number;
  readonly realScore: number;
  readonly fakeScore: number;
}

/** One sample grid of the fixed latent batch, as 8-bit RGBA. */
export interface GanGrid {
  readonly step: number;
  readonly epoch: number;
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

export type GanRunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'done' | 'stopped' | 'failed';

export interface GanRunState {
  readonly status: GanRunStatus;
  readonly backend: string | null;
  readonly steps: readonly GanStepPoint[];
  readonly epochs: number;
  /** The latest grids, oldest first (at most GAN_GRIDS_KEPT). */
  readonly grids: readonly GanGrid[];
  /** The mode-collapse warning of the latest epoch, or null. */
  readonly warning: string | null;
  readonly error: string | null;
  /** Both networks' last weights once the run has finished or stopped (the Evaluate page's generator), else null. */
  readonly weights: GanWeights | null;
  /** The stored run (gan.runs) this state shows, or null before the first start. */
  readonly runId: string | null;
  /** A stored, unfinished run "Resume training" continues: its run and the epochs it has. */
  readonly resumable: { readonly runId: string; readonly epoch: number } | null;
}

/** Grids the scrubber can go back through. */
export const GAN_GRIDS_KEPT = 20;
/** Step points the charts keep (older ones are thinned out by half when reached). */
export const GAN_STEPS_KEPT = 4000;

export const idleGanRun: GanRunState = {
  status: 'idle',
  backend: null,
  steps: [],
  epochs: 0,
  grids: [],
  warning: null,
  error: null,
  weights: null,
  runId: null,
  resumable: null,
};

export interface GanSlice {
  gan: GanState | null;
  ganRun: GanRunState;
  /** Makes the project a GAN with these graphs (the generator on the canvas); forgets history. */
  setGan(graphs: GanGraphs, settings?: Partial<GanSettings>): void;
  /** Back to a plain model (the graph slice keeps whatever it holds). */
  clearGan(): void;
  /** Shows the other graph on the canvas, each keeping its own undo history. */
  switchGanPart(part: GanPart): void;
  setGanSettings(patch: Partial<GanSettings>): void;
  patchGanRun(patch: Partial<GanRunState>): void;
  addGanSteps(points: readonly GanStepPoint[]): void;
  addGanGrid(grid: GanGrid): void;
  /** Adds a GAN run's record to the project (or replaces the one with its id). */
  putGanRunRecord(record: GanRunRecord): void;
  updateGanRunRecord(id: string, update: (record: GanRunRecord) => GanRunRecord): void;
  /** Keeps the Evaluate page's scores on the run they were computed for (a NaN is kept as null). */
  setGanRunScores(id: string, scores: GanScoresInput): void;
}

interface ScorePair {
  readonly inception: number;
  readonly frechet: number;
}

export interface GanScoresInput {
  readonly score: ScorePair;
  readonly bounds: { readonly real: ScorePair; readonly noise: ScorePair };
  readonly n: number;
  readonly seed: number;
}

/** Both graphs as they are now (the active one from the canvas), or null for a plain project. */
export function ganGraphs(s: Pick<AppState, 'gan' | 'graph'>): GanGraphs | null {
  if (!s.gan) return null;
  return s.gan.active === 'generator'
    ? { generator: s.graph, discriminator: s.gan.parked.graph }
    : { generator: s.gan.parked.graph, discriminator: s.graph };
}

/** The networks' weights of the run Evaluate and Deploy use (the finished or stopped one), or null. */
export function ganRunWeights(s: Pick<AppState, 'ganRun'>): GanWeights | null {
  return s.ganRun.weights;
}

/** The project file's `gan` part for the open GAN, or undefined for a plain project. */
export function ganForProject(s: Pick<AppState, 'gan' | 'graph'>): ProjectGan | undefined {
  const graphs = ganGraphs(s);
  if (!graphs || !s.gan) return undefined;
  return {
    generator: graphs.generator as ProjectGan['generator'],
    discriminator: graphs.discriminator as ProjectGan['discriminator'],
    settings: s.gan.settings,
    runs: [...s.gan.runs],
  };
}

/** Both stored networks of a GAN run among the project's run weights, or null when either is missing. */
export function storedGanWeights(runWeights: Readonly<Record<string, LayerWeights>>, runId: string): GanWeights | null {
  const generator = runWeights[ganWeightKey(runId, 'generator')];
  const discriminator = runWeights[ganWeightKey(runId, 'discriminator')];
  return generator && discriminator ? { generator, discriminator } : null;
}

/**
 * The GAN state of an opened project: its newest run with stored weights is the one Evaluate and
 * Deploy use, as if it had just finished.
 */
export function ganRunAfterLoad(
  runs: readonly GanRunRecord[],
  runWeights: Readonly<Record<string, LayerWeights>>,
): GanRunState {
  for (const run of [...runs].reverse()) {
    const weights = storedGanWeights(runWeights, run.id);
    if (!weights) continue;
    return {
      ...idleGanRun,
      status: run.status === 'completed' ? 'done' : 'stopped',
      epochs: run.epochs.at(-1)?.epoch ?? 0,
      weights,
      runId: run.id,
    };
  }
  return idleGanRun;
}

export const createGanSlice: StateCreator<AppState, [], [], GanSlice> = (set, get) => ({
  gan: null,
  ganRun: idleGanRun,
  setGan(graphs, settings = {}) {
    get().resetGraph(graphs.generator);
    set({
      gan: {
        active: 'generator',
        parked: { graph: graphs.discriminator, past: [], future: [] },
        settings: ganSettingsSchema.parse(settings),
        runs: [],
      },
      ganRun: idleGanRun,
      // Mismatches with the data were the previous model's: a GAN is sized by its template.
      bindingProblems: [],
    });
  },
  clearGan() {
    if (get().gan) set({ gan: null, ganRun: idleGanRun });
  },
  switchGanPart(part) {
    const s = get();
    if (!s.gan || s.gan.active === part) return;
    // A gesture in progress belongs to the graph it began on.
    s.endGesture();
    const { graph, past, future } = get();
    const next = s.gan.parked;
    set({
      graph: next.graph,
      past: next.past,
      future: next.future,
      gestureStart: null,
      analysis: analyzeGraph(next.graph),
      gan: { ...s.gan, active: part, parked: { graph, past, future } },
      selection: [],
      edgeSelection: [],
    });
    get().requestFit();
  },
  setGanSettings(patch) {
    const gan = get().gan;
    if (gan) set({ gan: { ...gan, settings: { ...gan.settings, ...patch } } });
  },
  patchGanRun(patch) {
    set({ ganRun: { ...get().ganRun, ...patch } });
  },
  addGanSteps(points) {
    if (points.length === 0) return;
    let steps = [...get().ganRun.steps, ...points];
    if (steps.length > GAN_STEPS_KEPT) steps = steps.filter((_, i) => i % 2 === 1 || i === steps.length - 1);
    set({ ganRun: { ...get().ganRun, steps } });
  },
  addGanGrid(grid) {
    const grids = [...get().ganRun.grids, grid].slice(-GAN_GRIDS_KEPT);
    set({ ganRun: { ...get().ganRun, grids } });
  },
  putGanRunRecord(record) {
    const gan = get().gan;
    if (!gan) return;
    const at = gan.runs.findIndex((r) => r.id === record.id);
    const runs = at < 0 ? [...gan.runs, record] : gan.runs.map((r, i) => (i === at ? record : r));
    set({ gan: { ...gan, runs } });
  },
  setGanRunScores(id, { score, bounds, n, seed }) {
    const json = (v: number) => (Number.isFinite(v) ? v : null);
    const pair = (p: ScorePair) => ({ inception: json(p.inception), frechet: json(p.frechet) });
    get().updateGanRunRecord(id, (r) => ({
      ...r,
      scores: { score: pair(score), bounds: { real: pair(bounds.real), noise: pair(bounds.noise) }, n, seed },
    }));
  },
  updateGanRunRecord(id, update) {
    const gan = get().gan;
    const run = gan?.runs.find((r) => r.id === id);
    if (gan && run) set({ gan: { ...gan, runs: gan.runs.map((r) => (r === run ? update(r) : r)) } });
  },
});
