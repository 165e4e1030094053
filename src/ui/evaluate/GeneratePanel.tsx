import { useEffect, useRef, useState } from 'react';
import { appSession } from '../../session/app';
import { isCancelled, pieceBuffer } from './text-view';

const MAX_CHARS = 2_000;

const frame = (fn: () => void) => {
  const id = requestAnimationFrame(fn);
  return () => cancelAnimationFrame(id);
};

interface Output {
  readonly prompt: string;
  readonly text: string;
  readonly notes: readonly string[];
  readonly state: 'running' | 'done' | 'stopped';
  readonly tokens: number;
}

function NumberField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (v: number) => void;
  hint: string;
}) {
  return (
    <label className="field eval-gen-field" title={props.hint}>
      <span>{props.label}</span>
      <input
        type="number"
        value={props.value}
        min={props.min}
        max={props.max}
        step={props.step}
        onChange={(e) => {
          const v = e.currentTarget.valueAsNumber;
          if (Number.isFinite(v)) props.onChange(Math.min(props.max, Math.max(props.min, v)));
        }}
      />
    </label>
  );
}

/** The language model writes: prompt, sampling settings, and the tokens as the worker samples them. */
export function GeneratePanel() {
  const [prompt, setPrompt] = useState('');
  const [temperature, setTemperature] = useState(0.8);
  const [topK, setTopK] = useState(0);
  const [maxChars, setMaxChars] = useState(200);
  const [seed, setSeed] = useState(1);
  const [output, setOutput] = useState<Output | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  async function start() {
    running.current?.abort();
    const stop = new AbortController();
    running.current = stop;
    setError(null);
    setOutput({ prompt, text: '', notes: [], state: 'running', tokens: 0 });
    const buffer = pieceBuffer((text) => setOutput((o) => (o ? { ...o, text: o.text + text } : o)), frame);
    try {
      const done = await appSession().evaluation.generate(
        { prompt, maxChars, temperature, topK, seed },
        (piece) => buffer.push(piece),
        stop.signal,
      );
      buffer.cancel();
      if (running.current === stop)
        setOutput({ prompt: done.prompt, text: done.text, notes: done.notes, state: 'done', tokens: done.tokens });
    } catch (err) {
      buffer.drain();
      if (isCancelled(err)) setOutput((o) => (o ? { ...o, state: 'stopped' } : o));
      else {
        setOutput(null);
        setError(err instanceof Error ? err.message : String(err));
      }
    } finally {
      if (running.current === stop) running.current = null;
    }
  }

  const busy = output?.state === 'running';
  return (
    <section className="eval-card eval-generate" aria-label="Generate text">
      <h3>Generate</h3>
      <form
        className="eval-gen-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <label className="eval-gen-prompt">
          <span>Prompt</span>
          <textarea
            value={prompt}
            rows={3}
            placeholder="The first words of the text (empty: from the start of a text)"
            onChange={(e) => setPrompt(e.currentTarget.value)}
          />
        </label>
        <div className="eval-gen-settings">
          <label
            className="field eval-gen-field"
            title="0: always the likeliest token; 1: the model's own odds; higher: wilder"
          >
            <span>Temperature {temperature.toFixed(2)}</span>
            <input
              type="range"
              min={0}
              max={2}
              step={0.05}
              value={temperature}
              onChange={(e) => setTemperature(e.currentTarget.valueAsNumber)}
            />
          </label>
          <NumberField
            label="Top-k (0: all)"
            value={topK}
            min={0}
            max={1000}
            step={1}
            onChange={setTopK}
            hint="Sample only among the k likeliest tokens"
          />
          <NumberField
            label="Max characters"
            value={maxChars}
            min={1}
            max={MAX_CHARS}
            step={1}
            onChange={setMaxChars}
            hint={`Up to ${MAX_CHARS}`}
          />
          <NumberField
            label="Seed"
            value={seed}
            min={0}
            max={2 ** 31 - 1}
            step={1}
            onChange={setSeed}
            hint="The same seed, prompt and settings write the same text"
          />
        </div>
        <div className="eval-gen-actions">
          <button type="submit" disabled={busy}>
            Generate
          </button>
          <button type="button" onClick={() => running.current?.abort()} disabled={!busy}>
            Stop
          </button>
          {output && (
            <span className="eval-note" role="status">
              {output.state === 'running'
                ? 'Writing…'
                : output.state === 'stopped'
                  ? 'Stopped.'
                  : `${[...output.text].length} characters.`}
            </span>
          )}
        </div>
      </form>
      {error && (
        <p className="eval-error" role="alert">
          {error}
        </p>
      )}
      {output && (
        <>
          {output.notes.map((n) => (
            <p key={n} className="eval-note">
              {n}
            </p>
          ))}
          <p className="eval-gen-output" data-testid="generated" aria-live="off">
            {output.prompt && (
              <span className="eval-gen-prompt-text" title="Your prompt">
                {output.prompt}
              </span>
            )}
            <span className="eval-gen-text" data-testid="generated-text">
              {output.text}
            </span>
            {output.state === 'running' && <span className="eval-gen-caret" aria-hidden="true" />}
          </p>
        </>
      )}
    </section>
  );
}
