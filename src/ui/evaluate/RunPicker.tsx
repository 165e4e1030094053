import { bestRun, runLengthText, runScore } from '../../session/runs';
import { choiceOf } from '../../session/evaluation';
import { useAppStore } from '../../store/app-store';
import { OPENED_WEIGHTS } from '../../store/evaluation-slice';
import { settingsText } from '../train/RunsList';

const AUTO = '';

/** Which run Evaluate and Deploy use: automatic (the best by the scenario's metric) or one the user picks. */
export function RunPicker({ label = 'Run' }: { label?: string }) {
  const runs = useAppStore((s) => s.runs);
  const weights = useAppStore((s) => s.runWeights);
  const opened = useAppStore((s) => (s.initialWeights ? (s.initialWeightsLabel ?? 'Opened model') : null));
  const selected = useAppStore((s) => s.selectedRunId);
  // Strings, not the choice object: a selector must return the same value while nothing changed.
  const reason = useAppStore((s) => choiceOf(s)?.reason ?? null);
  const chosen = useAppStore((s) => s.runs.find((r) => r.id === choiceOf(s)?.id) ?? null);
  const selectRun = useAppStore((s) => s.selectRun);
  const usable = runs.filter((r) => weights[r.id]);
  if (usable.length === 0 && !opened) return null;
  const best = bestRun(runs, weights);
  return (
    <div className="run-picker">
      <label>
        {label}{' '}
        <select
          aria-label={label}
          data-testid="run-picker"
          value={selected ?? AUTO}
          onChange={(e) => selectRun(e.currentTarget.value || null)}
        >
          <option value={AUTO}>Best run{best ? ` (${best.label})` : ''}</option>
          {usable.map((r) => {
            const score = runScore(r);
            return (
              <option key={r.id} value={r.id}>
                {r.name}
                {score ? ` · ${score.text}` : ''}
              </option>
            );
          })}
          {opened && <option value={OPENED_WEIGHTS}>{opened} (weights as opened)</option>}
        </select>
      </label>
      {reason && (
        <p className="run-picker-why" data-testid="run-picker-why">
          {reason}
        </p>
      )}
      {chosen && (
        <p className="run-picker-facts" data-testid="run-facts">
          {settingsText(chosen)} · {runLengthText(chosen)}
          {chosen.data
            ? ` · data ${chosen.data.name} (fingerprint ${chosen.data.fingerprint}, split seed ${chosen.data.splitSeed ?? 'unknown'})`
            : ''}
        </p>
      )}
    </div>
  );
}
