import { useState } from 'react';
import type { TextPreview, TextSettings } from '../../worker/data-protocol';

/**
 * A number typed in full before it applies (each change re-fits the tokenizer): it commits on
 * Enter or on leaving the field. Empty means automatic.
 */
function CommitNumber(props: {
  label: string;
  value: number | undefined;
  placeholder: string;
  min: number;
  max: number;
  onCommit(value: number | undefined): void;
}) {
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  // A new value from outside (an undo, a reload, "auto") replaces what was typed.
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    setShown(props.value);
    setText(props.value === undefined ? '' : String(props.value));
  }
  const commit = () => {
    const trimmed = text.trim();
    const next = trimmed === '' ? undefined : Number(trimmed);
    if (next !== undefined && !Number.isFinite(next)) return;
    if (next !== props.value) props.onCommit(next);
  };
  return (
    <input
      aria-label={props.label}
      type="number"
      min={props.min}
      max={props.max}
      value={text}
      placeholder={props.placeholder}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
    />
  );
}

const TOKENIZERS = [
  { value: 'char', label: 'character' },
  { value: 'word', label: 'word' },
  { value: 'bpe', label: 'subword (BPE)' },
] as const;

/** The text settings: tokenizer, vocabulary, sequence length and which side a long text loses. */
export function TextSettingsForm({
  settings,
  preview,
  fallback,
  busy,
  onChange,
}: {
  settings: TextSettings;
  preview: TextPreview | null;
  /** The tokenizer used when none is chosen. */
  fallback: 'char' | 'word';
  busy: boolean;
  onChange(next: TextSettings): void;
}) {
  const kind = settings.tokenizer ?? preview?.tokenizer ?? fallback;
  const set = (patch: Partial<TextSettings>) => {
    const next: Record<string, unknown> = { ...settings, ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    onChange(next as TextSettings);
  };
  const corpus = preview?.source === 'corpus';
  const autoLength = corpus ? 'auto (64)' : preview?.p95 != null ? `auto (p95 = ${preview.p95})` : 'auto (p95)';
  return (
    <div className="data-controls text-settings" aria-busy={busy}>
      <label>
        Tokenizer
        <select
          aria-label="Tokenizer"
          value={kind}
          // Another tokenizer has another default vocabulary: a size chosen for one does not carry over.
          onChange={(e) => set({ tokenizer: e.target.value as TextSettings['tokenizer'], vocabSize: undefined })}
        >
          {TOKENIZERS.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      {kind === 'word' ? (
        <>
          <label className="data-check">
            <input
              type="checkbox"
              aria-label="Lower-case"
              checked={settings.lowercase ?? preview?.lowercase ?? true}
              onChange={(e) => set({ lowercase: e.target.checked })}
            />
            lower-case
          </label>
          <label>
            Punctuation
            <select
              aria-label="Punctuation"
              value={settings.punctuation ?? preview?.punctuation ?? 'split'}
              onChange={(e) => set({ punctuation: e.target.value as 'split' | 'strip' })}
            >
              <option value="split">a token of its own</option>
              <option value="strip">dropped</option>
            </select>
          </label>
        </>
      ) : (
        <label className="data-check">
          <input
            type="checkbox"
            aria-label="Lower-case"
            checked={settings.lowercase ?? preview?.lowercase ?? false}
            onChange={(e) => set({ lowercase: e.target.checked })}
          />
          lower-case
        </label>
      )}
      <label>
        Vocabulary size
        <CommitNumber
          label="Vocabulary size"
          value={settings.vocabSize}
          // The limit in use is on the Vocabulary card below; the field stays narrow.
          placeholder="auto"
          min={3}
          max={100000}
          onCommit={(vocabSize) => set({ vocabSize })}
        />
      </label>
      <label>
        Sequence length
        <CommitNumber
          label="Sequence length"
          value={settings.seqLen}
          placeholder={autoLength}
          min={1}
          max={4096}
          onCommit={(seqLen) => set({ seqLen })}
        />
      </label>
      {settings.seqLen !== undefined ? (
        <button
          type="button"
          className="text-auto"
          title="Back to the automatic length"
          onClick={() => set({ seqLen: undefined })}
        >
          Use {autoLength}
        </button>
      ) : null}
      {corpus ? null : (
        <label>
          Long texts
          <select
            aria-label="Truncation"
            value={settings.truncate ?? preview?.truncate ?? 'end'}
            onChange={(e) => set({ truncate: e.target.value as 'start' | 'end' })}
          >
            <option value="end">keep the start</option>
            <option value="start">keep the end</option>
          </select>
        </label>
      )}
    </div>
  );
}
