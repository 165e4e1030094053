import { mulberry32 } from '../data/random';
import type { TrainSettings } from '../store/training-slice';
import type { HpOptimizer, HpParam, HpSearchConfig, TrainOverrides } from './types';

// Compile-time proof that the search's optimizer list and the Train page's agree both ways.
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _optimizersAgree: SameSet<HpOptimizer, TrainSettings['optimizer']> = true;

export interface TrialPlan {
  /** 1-based, as the runs list shows it. */
  readonly index: number;
  readonly overrides: TrainOverrides;
  /** "lr 0.001 · batch 32". */
  readonly label: string;
}

export interface TrialExpansion {
  readonly trials: readonly TrialPlan[];
  /** How many combinations the parameter lists make. */
  readonly combinations: number;
  /** Why fewer trials than combinations run, if so. */
  readonly note: string | null;
}

/** Every combination of the parameter values, first parameter varying slowest. */
export function gridProduct(params: readonly HpParam[]): TrainOverrides[] {
  let combos: TrainOverrides[] = [{}];
  for (const p of params) {
    const next: TrainOverrides[] = [];
    for (const c of combos) for (const v of p.values) next.push({ ...c, [p.name]: v });
    combos = next;
  }
  return params.length === 0 ? [] : combos;
}

const SHORT: Readonly<Record<keyof TrainOverrides, (v: number | string) => string>> = {
  learningRate: (v) => `lr ${v}`,
  batchSize: (v) => `batch ${v}`,
  epochs: (v) => `${v} epochs`,
  optimizer: (v) => String(v),
};

export function trialLabel(overrides: TrainOverrides): string {
  const parts = (Object.keys(overrides) as (keyof TrainOverrides)[]).map((k) => SHORT[k](overrides[k]!));
  return parts.join(' · ') || 'current settings';
}

/**
 * The trials a search runs. Grid runs every combination; when there are more than maxTrials,
 * it runs a seeded sample instead (and says so). Random always samples maxTrials combinations
 * without repeats.
 */
export function expandTrials(config: HpSearchConfig): TrialExpansion {
  const all = gridProduct(config.params);
  const limit = Math.max(1, Math.floor(config.maxTrials));
  let chosen = all;
  let note: string | null = null;
  if (config.mode === 'random' || all.length > limit) {
    const rand = mulberry32(config.seed);
    const pool = [...all];
    // Partial Fisher–Yates: the first `limit` slots become a uniform sample without repeats.
    for (let i = 0; i < Math.min(limit, pool.length); i++) {
      const j = i + Math.floor(rand() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    chosen = pool.slice(0, limit);
    if (all.length > limit) {
      note =
        config.mode === 'grid'
          ? `The grid has ${all.length} combinations but at most ${limit} trials run, so ${limit} were sampled (seed ${config.seed}). Raise "max trials" to run them all.`
          : `${limit} of ${all.length} combinations sampled (seed ${config.seed}).`;
    }
  }
  return {
    trials: chosen.map((overrides, i) => ({ index: i + 1, overrides, label: trialLabel(overrides) })),
    combinations: all.length,
    note,
  };
}
