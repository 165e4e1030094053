import type { ExplainedToken } from '../../worker/eval-protocol';
import { importanceScale, importanceTint, signed, tokenLabel } from './text-view';

/**
 * The text's tokens, each tinted by how much it moved the predicted class: green pushed towards
 * it, red away from it; the tooltip has the number (the probability lost when the token is removed).
 */
export function TokenHighlights({
  tokens,
  importance,
  className: cls,
  measure,
  cut,
}: {
  tokens: readonly ExplainedToken[];
  importance: Float32Array;
  /** What the tokens push towards: a class name, or "a higher value". */
  className: string;
  /** What the number is a change of: "probability of positive", "predicted value". */
  measure: string;
  cut: number;
}) {
  const scale = importanceScale(importance);
  const unknown = tokens.filter((t) => !t.known).length;
  return (
    <figure className="eval-tokens" aria-label="Token importance">
      <figcaption>
        What moved the prediction towards <strong>{cls}</strong> (remove a token and re-score:{' '}
        <span className="eval-key-for">green</span> pushed towards it, <span className="eval-key-against">red</span>{' '}
        away)
      </figcaption>
      <p className="eval-token-list" data-testid="token-highlights">
        {tokens.map((t, i) => {
          const v = importance[i] ?? 0;
          const tint = importanceTint(v, scale);
          const title = `${t.known ? `token ${t.id}` : '[UNK]: not in the vocabulary'} · ${signed(v)} ${measure} owed to it (lost when it is removed)`;
          return (
            <span
              key={i}
              className={`eval-token ${t.known ? '' : 'unknown'}`}
              data-sign={tint.sign}
              data-importance={v.toFixed(4)}
              style={{ '--tint': tint.alpha } as React.CSSProperties}
              title={title}
            >
              {tokenLabel(t.text)}
            </span>
          );
        })}
      </p>
      {unknown > 0 && (
        <p className="eval-note">
          {unknown} token{unknown === 1 ? ' is' : 's are'} not in the vocabulary (dashed): the model reads{' '}
          {unknown === 1 ? 'it' : 'them'} as [UNK].
        </p>
      )}
      {cut > 0 && (
        <p className="eval-note">
          The text is {cut} token{cut === 1 ? '' : 's'} longer than the model's window;{' '}
          {cut === 1 ? 'it was' : 'they were'} cut and not scored.
        </p>
      )}
    </figure>
  );
}
