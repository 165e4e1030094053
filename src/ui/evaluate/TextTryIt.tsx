import { useEffect, useRef, useState } from 'react';
import type { PreparedDataset } from '../../data/types';
import { appSession } from '../../session/app';
import type { Explained } from '../../worker/eval-protocol';
import { AttentionMapView } from './AttentionMapView';
import { className } from './format';
import { ProbabilityBars } from './ProbabilityBars';
import { TokenHighlights } from './TokenHighlights';
import { isCancelled } from './text-view';

/** Typing pauses this long before the text is scored (each score is one batched occlusion pass). */
const PAUSE_MS = 250;

/** Try-it for a text classifier: type, see the classes, which tokens moved them, and attention. */
export function TextTryIt({ dataset }: { dataset: PreparedDataset }) {
  const [text, setText] = useState('');
  const [latest, setAnswer] = useState<Explained | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = useRef<AbortController | null>(null);
  useEffect(() => {
    if (text.trim() === '') return undefined;
    const timer = setTimeout(() => {
      current.current?.abort();
      const mine = new AbortController();
      current.current = mine;
      setBusy(true);
      appSession()
        .evaluation.explain(text, mine.signal)
        .then(
          (a) => {
            setAnswer(a);
            setError(null);
          },
          (err: unknown) => {
            if (!isCancelled(err)) setError(err instanceof Error ? err.message : String(err));
          },
        )
        .finally(() => {
          if (current.current === mine) setBusy(false);
        });
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  useEffect(() => () => current.current?.abort(), []);
  // Cleared text shows nothing, whatever the last answer was.
  const answer = text.trim() === '' ? null : latest;
  const shownError = text.trim() === '' ? null : error;
  return (
    <section className="eval-card eval-tryit" aria-label="Try it">
      <h3>Try it</h3>
      <div className="eval-tryit-body eval-tryit-text">
        <label className="eval-tryit-textbox">
          <span>Text</span>
          <textarea
            rows={5}
            value={text}
            placeholder="Type or paste a text to classify"
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <span className="eval-note">{busy ? 'Scoring…' : 'Scored as you type.'}</span>
        </label>
        <div className="eval-tryit-output">
          {shownError && (
            <p className="eval-error" role="alert">
              {shownError}
            </p>
          )}
          {answer ? (
            <ProbabilityBars
              prediction={{ outputs: answer.outputs, units: answer.units, input: new Float32Array(0) }}
              classNames={dataset.classNames}
              regression={dataset.task === 'regression'}
            />
          ) : (
            <p className="eval-note">Type some text to see the prediction.</p>
          )}
        </div>
      </div>
      {answer && answer.tokens.length > 0 && (
        <>
          <TokenHighlights
            tokens={answer.tokens}
            importance={answer.importance}
            className={
              dataset.task === 'regression' ? 'a higher value' : className(dataset.classNames, answer.classIndex)
            }
            measure={
              dataset.task === 'regression'
                ? 'predicted value'
                : `probability of ${className(dataset.classNames, answer.classIndex)}`
            }
            cut={answer.cut}
          />
          {answer.attention.length > 0 && <AttentionMapView maps={answer.attention} tokens={answer.tokens} />}
        </>
      )}
      {answer && answer.tokens.length === 0 && (
        <p className="eval-note">The text has no tokens the model reads (only spaces or stripped punctuation).</p>
      )}
    </section>
  );
}
