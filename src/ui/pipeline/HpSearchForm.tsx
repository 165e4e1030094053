import { expandTrials } from '../../pipeline/hp-search';
import { updateStageConfig } from '../../pipeline/model';
import type { PipelineRunResult } from '../../pipeline/runner';
import {
  HP_OPTIMIZERS,
  type HpOptimizer,
  type HpParam,
  type HpParamName,
  type HpSearchConfig,
  type StageOf,
} from '../../pipeline/types';
import { appStore, useAppStore } from '../../store/app-store';
import { CommitField } from './fields';

const PARAM_LABEL: Readonly<Record<HpParamName, string>> = {
  learningRate: 'Learning rate',
  batchSize: 'Batch size',
  epochs: 'Epochs',
  optimizer: 'Optimizer',
};

const DEFAULT_VALUES: Readonly<Record<HpParamName, HpParam>> = {
  learningRate: { name: 'learningRate', values: [0.001, 0.01] },
  batchSize: { name: 'batchSize', values: [16, 32, 64] },
  epochs: { name: 'epochs', values: [10, 20, 40] },
  optimizer: { name: 'optimizer', values: ['adam', 'sgd'] },
};

/** "0.001, 0.01" → a param with those values, or a sentence saying what is wrong. */
function parseValues(name: HpParamName, text: string): HpParam | string {
  const parts = text.split(/[\s,;]+/).filter((t) => t !== '');
  if (parts.length === 0) return 'List at least one value, separated by commas.';
  if (name === 'optimizer') {
    const bad = parts.find((p) => !(HP_OPTIMIZERS as readonly string[]).includes(p));
    if (bad) return `"${bad}" is not an optimizer; use ${HP_OPTIMIZERS.join(', ')}.`;
    return { name, values: parts as HpOptimizer[] };
  }
  const numbers = parts.map(Number);
  const bad = parts.find((_, i) => !Number.isFinite(numbers[i]));
  if (bad !== undefined) return `"${bad}" is not a number.`;
  return { name, values: numbers };
}

/** Grid or random search over a few training settings; trials run one after another. */
export function HpSearchForm({ stage }: { stage: StageOf<'hpsearch'> }) {
  const config = stage.config;
  const lastRun = useAppStore((s) => s.lastPipelineRun);
  /** Applies a change, or returns why it was refused (shown next to the field). */
  const save = (patch: Partial<HpSearchConfig>): string | null => {
    const s = appStore.getState();
    const r = updateStageConfig(s.pipeline, stage.id, 'hpsearch', patch);
    if (!r.ok) return r.reason;
    s.applyPipelineEdit(r);
    return null;
  };
  const setParam = (i: number, param: HpParam) => save({ params: config.params.map((p, j) => (j === i ? param : p)) });
  const unused = (Object.keys(DEFAULT_VALUES) as HpParamName[]).filter((n) => !config.params.some((p) => p.name === n));
  const plan = expandTrials(config);
  return (
    <div className="stage-form hp-form">
      <label className="field">
        <span className="field-label">Search</span>
        <select value={config.mode} onChange={(e) => save({ mode: e.currentTarget.value as HpSearchConfig['mode'] })}>
          <option value="grid">Grid: every combination</option>
          <option value="random">Random: a seeded sample</option>
        </select>
      </label>
      <fieldset className="field">
        <legend>Parameters</legend>
        {config.params.map((p, i) => (
          <div className="hp-param" key={p.name}>
            <select
              aria-label={`Parameter ${i + 1}`}
              value={p.name}
              onChange={(e) => setParam(i, DEFAULT_VALUES[e.currentTarget.value as HpParamName])}
            >
              {[p.name, ...unused].map((n) => (
                <option key={n} value={n}>
                  {PARAM_LABEL[n]}
                </option>
              ))}
            </select>
            <CommitField
              label={`${PARAM_LABEL[p.name]} values`}
              value={p.values.join(', ')}
              onCommit={(text) => {
                const parsed = parseValues(p.name, text);
                return typeof parsed === 'string' ? parsed : setParam(i, parsed);
              }}
            />
            <button
              type="button"
              className="link-button"
              aria-label={`Remove ${PARAM_LABEL[p.name]}`}
              disabled={config.params.length === 1}
              onClick={() => save({ params: config.params.filter((_, j) => j !== i) })}
            >
              Remove
            </button>
          </div>
        ))}
        {unused.length > 0 && (
          <button
            type="button"
            className="link-button"
            onClick={() => save({ params: [...config.params, DEFAULT_VALUES[unused[0]!]] })}
          >
            + Add {PARAM_LABEL[unused[0]!].toLowerCase()}
          </button>
        )}
      </fieldset>
      <CommitField
        label="Max trials"
        value={String(config.maxTrials)}
        inputMode="numeric"
        onCommit={(t) => save({ maxTrials: Number(t) })}
      />
      {config.mode === 'random' && (
        <CommitField
          label="Seed"
          value={String(config.seed)}
          inputMode="numeric"
          onCommit={(t) => save({ seed: Number(t) })}
        />
      )}
      <p className="muted" data-testid="hp-plan">
        {plan.trials.length} trial{plan.trials.length === 1 ? '' : 's'}: {plan.trials.map((t) => t.label).join('; ')}
      </p>
      {plan.note && <p className="muted">{plan.note}</p>}
      {lastRun && lastRun.trials.length > 0 && <TrialTable run={lastRun} />}
    </div>
  );
}

function TrialTable({ run }: { run: PipelineRunResult }) {
  return (
    <table className="trial-table" aria-label="Search trials">
      <thead>
        <tr>
          <th>#</th>
          <th>Settings</th>
          <th>Result</th>
        </tr>
      </thead>
      <tbody>
        {run.trials.map((t, i) => (
          <tr
            key={t.plan.index}
            className={i === run.bestTrial ? 'is-best' : undefined}
            aria-current={i === run.bestTrial ? 'true' : undefined}
          >
            <td>{t.plan.index}</td>
            <td>{t.plan.label}</td>
            <td>
              {t.error ? `failed: ${t.error}` : (t.scoreText ?? '–')}
              {i === run.bestTrial ? ' ★ kept' : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
