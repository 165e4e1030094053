import type { Prediction } from '../../worker/eval-client';
import { className, percent, value } from './format';

/** The model's answer: every class's probability as a bar, best first; or the predicted value. */
export function ProbabilityBars({ prediction, classNames, regression }: { prediction: Prediction; classNames: readonly string[] | null; regression: boolean }) {
  const out = prediction.outputs;
  if (regression) {
    return (
      <p className="eval-prediction" aria-live="polite">
        Predicted value: <strong>{value(out[0] ?? NaN)}</strong>
      </p>
    );
  }
  // One sigmoid unit is P(class 1): show both classes.
  const probs = prediction.units === 1 ? [1 - out[0]!, out[0]!] : Array.from(out.subarray(0, prediction.units));
  const order = probs.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p);
  return (
    <figure className="eval-probs" aria-label="Predicted probabilities" aria-live="polite">
      <figcaption>
        Prediction: <strong>{className(classNames, order[0]!.i)}</strong> ({percent(order[0]!.p)})
      </figcaption>
      <ol>
        {order.map(({ p, i }, rank) => (
          <li key={i} className={rank === 0 ? 'top' : undefined}>
            <span className="eval-prob-name">{className(classNames, i)}</span>
            <span className="eval-prob-bar" role="meter" aria-valuemin={0} aria-valuemax={1} aria-valuenow={Number(p.toFixed(4))} aria-label={className(classNames, i)}>
              <span style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
            </span>
            <span className="eval-prob-value">{percent(p)}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
