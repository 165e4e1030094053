import { useState } from 'react';
import { DEFAULT_RULE, pipelineRule, setRule } from '../../pipeline/model';
import { defaultOp, OP_SYMBOL, ruleText } from '../../pipeline/rule';
import { FRECHET_TARGET } from '../../pipeline/rule-gan';
import { RULE_OPS, type DecisionRule, type RuleMetric } from '../../pipeline/types';
import { appStore, useAppStore } from '../../store/app-store';

const METRIC_GROUPS: readonly { label: string; metrics: readonly [RuleMetric, string][] }[] = [
  {
    label: 'Classification',
    metrics: [
      ['accuracy', 'accuracy'],
      ['f1', 'F1'],
      ['precision', 'precision'],
      ['recall', 'recall'],
    ],
  },
  {
    label: 'Regression',
    metrics: [
      ['mae', 'MAE'],
      ['rmse', 'RMSE'],
      ['mse', 'MSE'],
      ['r2', 'R²'],
    ],
  },
  {
    label: 'Language model',
    metrics: [
      ['bitsPerChar', 'bits per character'],
      ['perplexity', 'perplexity'],
    ],
  },
  { label: 'Image generator (GAN)', metrics: [['frechet', 'Fréchet distance']] },
  { label: 'Any task', metrics: [['loss', 'loss']] },
];

/** Keeps a threshold that still makes sense for the new metric, else a typical target. */
function thresholdFor(metric: RuleMetric, current: number): number {
  if (['accuracy', 'f1', 'precision', 'recall'].includes(metric)) return current >= 0 && current <= 1 ? current : 0.9;
  if (metric === 'r2') return current <= 1 ? current : 0.8;
  if (metric === 'bitsPerChar') return current > 0 && current < 8 ? current : 2.5;
  if (metric === 'perplexity') return current >= 1 ? current : 10;
  if (metric === 'frechet') return current >= 1 ? current : FRECHET_TARGET;
  return current >= 0 ? current : 0.1;
}

/** The decision rule Evaluate checks: which metric, which comparison, which threshold. */
export function RuleEditor() {
  const rule = useAppStore((s) => pipelineRule(s.pipeline));
  const [draft, setDraft] = useState(String(rule.threshold));
  const [shown, setShown] = useState(rule.threshold);
  const [error, setError] = useState<string | null>(null);
  if (shown !== rule.threshold) {
    // Undo or another editor changed the threshold: show the new value.
    setShown(rule.threshold);
    setDraft(String(rule.threshold));
  }

  const commit = (next: DecisionRule) => {
    const r = setRule(appStore.getState().pipeline, next);
    if (!r.ok) {
      setError(r.reason);
      return;
    }
    setError(null);
    appStore.getState().applyPipelineEdit(r);
  };
  const commitThreshold = () => {
    const value = Number(draft.trim());
    if (draft.trim() === '' || !Number.isFinite(value)) {
      setError(`Type a number for the threshold, like ${DEFAULT_RULE.threshold}.`);
      return;
    }
    if (value !== rule.threshold) commit({ ...rule, threshold: value });
    else setError(null);
  };

  return (
    <fieldset className="field rule-editor">
      <legend>Success rule</legend>
      <div className="rule-row">
        <select
          aria-label="Success metric"
          value={rule.metric}
          onChange={(e) => {
            const metric = e.currentTarget.value as RuleMetric;
            commit({ metric, op: defaultOp(metric), threshold: thresholdFor(metric, rule.threshold) });
          }}
        >
          {METRIC_GROUPS.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.metrics.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <select
          aria-label="Comparison"
          value={rule.op}
          onChange={(e) => commit({ ...rule, op: e.currentTarget.value as DecisionRule['op'] })}
        >
          {RULE_OPS.map((op) => (
            <option key={op} value={op}>
              {OP_SYMBOL[op]}
            </option>
          ))}
        </select>
        <input
          aria-label="Threshold"
          type="number"
          step="any"
          inputMode="decimal"
          value={draft}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={commitThreshold}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitThreshold();
          }}
        />
      </div>
      <p className="muted rule-preview">Deploy when test {ruleText(rule)}; otherwise Optimize.</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
