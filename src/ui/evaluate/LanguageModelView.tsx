import type { LanguageModelMetrics } from '../../training/text/lm-metrics';
import type { LanguageModelScores } from '../../worker/eval-protocol';
import { percent, score, value } from './format';

interface Row {
  readonly name: string;
  readonly note: string;
  readonly m: LanguageModelMetrics;
}

/** Bits per character when the tokenizer's characters are known, else nats per token. */
function unitOf(rows: readonly Row[]): { label: string; of: (m: LanguageModelMetrics) => number } {
  return rows.every((r) => r.m.bitsPerChar !== null)
    ? { label: 'bits per character', of: (m) => m.bitsPerChar! }
    : { label: 'nats per token', of: (m) => m.natsPerToken };
}

/** The model against the count baselines on the same held-out tokens: shorter bars are better. */
function BaselineBars({ rows }: { rows: readonly Row[] }) {
  const unit = unitOf(rows);
  const top = Math.max(...rows.map((r) => unit.of(r.m)).filter(Number.isFinite), 1e-9);
  return (
    <figure className="eval-card eval-lm-bars" aria-label="Model and baselines">
      <figcaption>
        Held-out {unit.label} (lower is better), on the same {rows[0]!.m.tokens.toLocaleString('en-US')} tokens
      </figcaption>
      <table className="eval-table">
        <thead>
          <tr>
            <th scope="col">model</th>
            <th scope="col">{unit.label}</th>
            <th scope="col">perplexity</th>
            <th scope="col">nats/token</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const v = unit.of(r.m);
            return (
              <tr key={r.name} data-testid={`lm-row-${r.name.split(' ')[0]!.toLowerCase()}`}>
                <th scope="row" title={r.note}>
                  {r.name}
                </th>
                <td>
                  <div className="eval-lm-bar-cell">
                    <span className="eval-lm-bar" aria-hidden="true">
                      <span
                        className={r.name === 'This model' ? 'model' : undefined}
                        style={{ width: `${Math.min(1, Math.max(0, v / top)) * 100}%` }}
                      />
                    </span>
                    <span className="eval-lm-value">{score(v)}</span>
                  </div>
                </td>
                <td>{value(r.m.perplexity)}</td>
                <td>{score(r.m.natsPerToken)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </figure>
  );
}

/** A language model's held-out scores: loss, perplexity, bits per character, and the baselines. */
export function LanguageModelView({ scores, loss }: { scores: LanguageModelScores; loss: number }) {
  const m = scores.model;
  const rows: Row[] = [
    { name: 'This model', note: 'The trained model on the test chunk', m },
    ...(scores.baselines
      ? [
          {
            name: 'Bigram baseline',
            note: 'Counts of each token after the one before it (add-one smoothing), from the training text',
            m: scores.baselines.bigram,
          },
          {
            name: 'Unigram baseline',
            note: 'How often each token occurs in the training text (add-one smoothing)',
            m: scores.baselines.unigram,
          },
        ]
      : []),
  ];
  const bigram = scores.baselines?.bigram;
  const unit = unitOf(rows);
  const beats = bigram ? unit.of(m) < unit.of(bigram) : null;
  return (
    <>
      <dl className="eval-stats eval-headline" aria-label="Test scores">
        <div className="eval-stat">
          <dt>bits per character</dt>
          <dd data-testid="lm-bpc">{m.bitsPerChar === null ? '—' : score(m.bitsPerChar)}</dd>
        </div>
        <div className="eval-stat">
          <dt>perplexity</dt>
          <dd data-testid="lm-perplexity">{value(m.perplexity)}</dd>
        </div>
        <div className="eval-stat">
          <dt>loss (nats/token)</dt>
          <dd>{score(m.natsPerToken)}</dd>
        </div>
        <div className="eval-stat">
          <dt>next-token accuracy</dt>
          <dd>{percent(m.accuracy)}</dd>
        </div>
      </dl>
      <p className="eval-note">
        Scored on the held-out test chunk ({m.tokens.toLocaleString('en-US')} tokens); the loss with weight penalties is{' '}
        {value(loss)}.
        {beats === null
          ? ' Baselines were not computed (no training windows).'
          : beats
            ? ' The model beats the bigram baseline.'
            : ' The model does not beat the bigram baseline yet: train longer or make it larger.'}
        {m.bitsPerChar === null ? ' Bits per character need the tokenizer, which this dataset does not record.' : ''}
      </p>
      <BaselineBars rows={rows} />
    </>
  );
}
