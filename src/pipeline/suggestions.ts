import type { EpochLog } from '../training/types';
import { formatCount, formatNumber as f, type GraphFacts } from './facts';
import { higherIsBetter, shortfall, type RuleCheck } from './rule';

export type SuggestionId =
  | 'train-first'
  | 'pick-metric'
  | 'lower-lr'
  | 'add-dropout'
  | 'early-stopping'
  | 'add-regularizer'
  | 'more-data'
  | 'more-epochs'
  | 'bigger-model'
  | 'higher-lr'
  | 'hp-search';

export interface Suggestion {
  readonly id: SuggestionId;
  /** What to do: "Add a Dropout layer". */
  readonly title: string;
  /** Why, citing the numbers that gave it away. */
  readonly reason: string;
  /** The page where the change is made; null for the pipeline itself. */
  readonly page: 'data' | 'model' | 'train' | null;
}

export interface SuggestionInput {
  readonly history: readonly EpochLog[];
  /** What `EpochLog.metric` measures. */
  readonly trainingMetric: 'accuracy' | 'mae' | null;
  readonly check: RuleCheck | null;
  readonly graph: GraphFacts | null;
  readonly settings: { readonly learningRate: number; readonly epochs: number; readonly earlyStopping: boolean } | null;
  readonly dataRows: number | null;
  /** The pipeline already has a hyperparameter search stage. */
  readonly hasSearch: boolean;
}

/** Relative loss drop per epoch over the last few epochs (0.05 = 5 % per epoch). */
function recentImprovement(
  history: readonly EpochLog[],
): { perEpoch: number; from: number; to: number; epochs: number } | null {
  const k = Math.min(3, history.length - 1);
  if (k < 1) return null;
  const from = history[history.length - 1 - k]!.loss;
  const to = history.at(-1)!.loss;
  if (!(from > 0)) return null;
  return { perEpoch: (from - to) / from / k, from, to, epochs: k };
}

function overfitting(history: readonly EpochLog[]): string | null {
  const withVal = history.filter((e) => e.valLoss !== null && Number.isFinite(e.valLoss));
  if (withVal.length < 4) return null;
  const best = withVal.reduce((a, b) => (b.valLoss! < a.valLoss! ? b : a));
  const last = withVal.at(-1)!;
  if (last.epoch - best.epoch >= 2 && last.valLoss! > best.valLoss! * 1.05 && last.loss < best.loss) {
    return `Validation loss rose from ${f(best.valLoss!)} (epoch ${best.epoch}) to ${f(last.valLoss!)} (epoch ${last.epoch}) while training loss fell from ${f(best.loss)} to ${f(last.loss)}: the model is memorising the training data.`;
  }
  return null;
}

function accuracyGap(history: readonly EpochLog[], metric: SuggestionInput['trainingMetric']): string | null {
  const last = history.at(-1);
  if (metric !== 'accuracy' || !last || last.valMetric === null || last.metric - last.valMetric < 0.1) return null;
  return `Training accuracy is ${f(last.metric)} but validation accuracy only ${f(last.valMetric)} (epoch ${last.epoch}): the model does much better on data it has seen.`;
}

function instability(history: readonly EpochLog[], lr: number | null): string | null {
  const lrText = lr === null ? 'the learning rate' : `the learning rate (${f(lr)})`;
  const bad = history.find((e) => !Number.isFinite(e.loss));
  if (bad) return `The training loss became ${bad.loss} in epoch ${bad.epoch}: ${lrText} is likely too high.`;
  if (history.length >= 2 && history.at(-1)!.loss > history[0]!.loss * 1.1) {
    return `Training loss rose from ${f(history[0]!.loss)} (epoch 1) to ${f(history.at(-1)!.loss)} (epoch ${history.at(-1)!.epoch}) instead of falling: ${lrText} is likely too high.`;
  }
  if (history.length >= 5) {
    const ups = history.slice(1).filter((e, i) => e.loss > history[i]!.loss * 1.01).length;
    if (ups / (history.length - 1) >= 0.35) {
      return `Training loss went up in ${ups} of ${history.length - 1} epochs instead of falling steadily: ${lrText} makes the steps too big.`;
    }
  }
  return null;
}

/**
 * Concrete next steps when the target is missed, each with the numbers behind it: overfitting,
 * underfitting, unstable training, a target far out of reach, or a gap small enough for a search.
 */
export function suggest(input: SuggestionInput): Suggestion[] {
  const { history, check, graph, settings } = input;
  if (check?.met) return [];
  const out: Suggestion[] = [];
  const add = (s: Suggestion) => {
    if (!out.some((o) => o.id === s.id)) out.push(s);
  };
  if (history.length === 0) {
    add({
      id: 'train-first',
      title: 'Train the model',
      reason: 'There is no training history yet, so there is nothing to diagnose.',
      page: 'train',
    });
    return out;
  }
  if (check && check.value === null)
    add({ id: 'pick-metric', title: 'Pick a metric the evaluation reports', reason: check.text, page: null });

  const unstable = instability(history, settings?.learningRate ?? null);
  if (unstable)
    add({ id: 'lower-lr', title: 'Lower the learning rate (try ÷3 to ÷10)', reason: unstable, page: 'train' });

  const overfit = overfitting(history) ?? accuracyGap(history, input.trainingMetric);
  if (overfit) {
    if (!graph?.hasDropout)
      add({
        id: 'add-dropout',
        title: 'Add a Dropout layer (rate 0.2–0.5) after the hidden layers',
        reason: overfit,
        page: 'model',
      });
    if (settings && !settings.earlyStopping)
      add({
        id: 'early-stopping',
        title: "Turn on early stopping (it keeps the best epoch's weights)",
        reason: overfit,
        page: 'train',
      });
    if (!graph?.hasRegularizer)
      add({
        id: 'add-regularizer',
        title: 'Add an L2 kernel regularizer (e.g. 0.001) to the Dense layers',
        reason: overfit,
        page: 'model',
      });
  }

  const trend = recentImprovement(history);
  if (!overfit && !unstable && trend) {
    const trendText = `training loss went ${f(trend.from)} → ${f(trend.to)} over the last ${trend.epochs} epoch${trend.epochs === 1 ? '' : 's'} (${(trend.perEpoch * 100).toFixed(1)}% per epoch)`;
    if (trend.perEpoch > 0.01) {
      const ran = settings ? ` after ${settings.epochs} epochs` : '';
      add({
        id: 'more-epochs',
        title: 'Train for more epochs',
        reason: `Still improving${ran}: ${trendText}.`,
        page: 'train',
      });
    } else {
      const last = history.at(-1)!;
      const trainMiss =
        check &&
        input.trainingMetric === check.rule.metric &&
        !(higherIsBetter(check.rule.metric) ? last.metric >= check.rule.threshold : last.metric <= check.rule.threshold)
          ? ` Even on the training data ${check.rule.metric} is ${f(last.metric)}, short of the ${f(check.rule.threshold)} target.`
          : '';
      const size = graph ? ` (${formatCount(graph.params)} parameters in ${graph.layers} layers)` : '';
      add({
        id: 'bigger-model',
        title: 'Make the model bigger: more units or another hidden layer',
        reason: `Training has levelled off: ${trendText}.${trainMiss} The model may be too small${size}.`,
        page: 'model',
      });
      if (settings && settings.learningRate <= 0.001) {
        add({
          id: 'higher-lr',
          title: `Raise the learning rate (try ${f(settings.learningRate * 3)})`,
          reason: `With a learning rate of ${f(settings.learningRate)} the loss barely moves: ${trendText}.`,
          page: 'train',
        });
      }
    }
  }

  const gap = check ? shortfall(check) : null;
  if (check && gap !== null && gap > 0) {
    const relative = higherIsBetter(check.rule.metric) ? gap : gap / Math.max(Math.abs(check.rule.threshold), 1e-9);
    const rows = input.dataRows !== null ? ` with ${formatCount(input.dataRows)} rows` : '';
    if (relative > 0.1) {
      add({
        id: 'more-data',
        title: 'Get more data or add an Augment stage',
        reason: `${check.rule.metric} ${f(check.value!)} is ${f(gap)} away from the ${f(check.rule.threshold)} target${rows}; a gap this large rarely closes by tuning alone.`,
        page: 'data',
      });
    } else {
      add({
        id: 'hp-search',
        title: input.hasSearch
          ? 'Widen the hyperparameter search'
          : 'Add a Hyperparameter search stage over the learning rate',
        reason: `${check.rule.metric} ${f(check.value!)} is only ${f(gap)} short of ${f(check.rule.threshold)}; a small search often closes a gap this size.`,
        page: null,
      });
    }
  }
  return out;
}
