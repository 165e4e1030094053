import { useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { appSession } from '../../session/app';
import { feedsOwnInputs, leftOutOfText, textChoice, textColumns, usesText } from '../../session/text-data';
import type { TextPreview, TextSettings } from '../../worker/data-protocol';
import { quoteText } from '../../model/quote';
import { Bars } from './ColumnCard';
import { LengthChart } from './LengthChart';
import { TextSettingsForm } from './TextSettingsForm';
import { TokenChips, visibleToken } from './TokenChips';
import './text.css';

const percent = (f: number) => `${(f * 100).toFixed(1)}%`;
const n = (v: number) => v.toLocaleString('en-US');

/** The CSV's "Use as text" switch and the text column, beside its label and task. */
export function UseAsText() {
  const { schema: view, textSettings, settings, csv } = useAppStore((s) => s.dataPage);
  if (!view) return null;
  const facts = { schema: view.schema, columns: settings.columns, preview: csv };
  const columns = textColumns(facts, textSettings.textColumn);
  if (columns.length === 0 || view.schema.label === null) return null;
  const on = usesText(facts, textSettings);
  // A column with the text or id role makes a model of several Inputs: one text model is off then.
  const mixed = feedsOwnInputs(facts);
  const chosen = textChoice(facts, textSettings)?.textColumn ?? columns[0]!;
  const edit = (next: TextSettings) => void appSession().data.editText(next);
  return (
    <>
      <label
        className="data-check"
        title={
          mixed
            ? 'Off while a column has the text or id role: each such column feeds an Input of its own beside the other features'
            : 'Read the text column as tokens (a tokenizer fitted on the training rows) instead of setting it aside'
        }
      >
        <input
          type="checkbox"
          aria-label="Use as text"
          checked={on}
          disabled={mixed}
          onChange={(e) => edit({ ...textSettings, useText: e.target.checked })}
        />
        Use as text
      </label>
      {on && columns.length > 1 ? (
        <label>
          Text column
          <select
            aria-label="Text column"
            value={chosen}
            onChange={(e) => edit({ ...textSettings, textColumn: e.target.value })}
          >
            {columns.map((c) => (
              <option key={c} value={c} title={c}>
                {quoteText(c)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </>
  );
}

function Stat({ label, value, note, testId }: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <div className="text-stat" data-testid={testId}>
      <span className="text-stat-label">{label}</span>
      <strong>{value}</strong>
      {note ? <span className="text-stat-note">{note}</span> : null}
    </div>
  );
}

function Stats({ preview }: { preview: TextPreview }) {
  const samples = preview.classes?.reduce((s, c) => s + c.train + c.validation + c.test, 0) ?? 0;
  return (
    <div className="text-stats">
      <Stat
        label="Vocabulary"
        value={`${n(preview.vocabSize)} tokens`}
        note={
          preview.vocabSize < preview.vocabLimit
            ? `all the training text has (limit ${n(preview.vocabLimit)})`
            : `the ${n(preview.vocabLimit)} most frequent`
        }
        testId="text-vocab-size"
      />
      <Stat
        label="Sequence length"
        value={`${n(preview.seqLen)} tokens`}
        note={preview.seqLenAuto ? (preview.p95 !== null ? `auto: 95th percentile` : 'auto') : 'chosen'}
        testId="text-seq-len"
      />
      <Stat
        label="Vocabulary coverage"
        value={preview.coverage ? percent(preview.coverage.fraction) : '—'}
        note={preview.coverage ? `of ${n(preview.coverage.tokens)} validation tokens known` : 'no validation text'}
        testId="text-coverage"
      />
      {preview.lengths ? (
        <Stat
          label="Truncated"
          value={`${n(preview.truncated)} rows truncated`}
          note={
            samples > 0
              ? `${percent(preview.truncated / samples)} of ${n(samples)} · ${preview.truncate === 'end' ? 'keeping the start' : 'keeping the end'}`
              : undefined
          }
          testId="text-truncated"
        />
      ) : null}
    </div>
  );
}

/** One sample's tokens as chips; a button per class shows that class's first text. */
function Samples({ preview }: { preview: TextPreview }) {
  const [chosen, setChosen] = useState(0);
  const sample = preview.samples[Math.min(chosen, preview.samples.length - 1)];
  if (!sample) return null;
  const what = preview.source === 'table' ? 'row' : 'file';
  const title =
    preview.source === 'corpus'
      ? 'The first training window'
      : `The first ${what}${sample.label !== null ? ` of class ${quoteText(sample.label)}` : ''}`;
  const oov = sample.tokens.filter((t) => !t.known).length;
  return (
    <div className="text-sample">
      <h4>
        {title}: {n(sample.tokens.length)} tokens{oov > 0 ? `, ${oov} not in the vocabulary` : ''}
      </h4>
      {preview.samples.length > 1 ? (
        <div className="text-sample-pick" role="group" aria-label="Show a sample of class">
          {preview.samples.map((x, i) => (
            <button key={i} type="button" aria-pressed={x === sample} onClick={() => setChosen(i)}>
              {quoteText(x.label ?? '')}
            </button>
          ))}
        </div>
      ) : null}
      <p className="text-raw">{sample.text.length > 400 ? `${sample.text.slice(0, 400)}…` : sample.text}</p>
      <TokenChips tokens={sample.tokens} unkId={1} />
    </div>
  );
}

function Corpus({ preview }: { preview: TextPreview }) {
  const c = preview.corpus;
  if (!c) return null;
  const total = c.chars.train + c.chars.validation + c.chars.test || 1;
  const parts = (['train', 'validation', 'test'] as const).map((p) => ({ p, share: c.chars[p] / total }));
  return (
    <div className="text-corpus" aria-label="Contiguous split">
      <h4>Contiguous split: the text is cut in order, never shuffled</h4>
      <div className="text-parts" role="img" aria-label="Characters per part">
        {parts.map(({ p, share }) => (
          <span key={p} className={`text-part ${p}`} style={{ flex: `${share} 1 0` }}>
            {p}
          </span>
        ))}
      </div>
      <table className="data-table" data-testid="corpus-split">
        <thead>
          <tr>
            <th />
            <th>characters</th>
            <th>tokens</th>
            <th>windows of {preview.seqLen}</th>
          </tr>
        </thead>
        <tbody>
          {(['train', 'validation', 'test'] as const).map((p) => (
            <tr key={p}>
              <td>{p}</td>
              <td>{n(c.chars[p])}</td>
              <td>{n(c.tokens[p])}</td>
              <td>{n(c.windows[p])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Vocabulary({ preview }: { preview: TextPreview }) {
  if (preview.vocabulary.length === 0) return null;
  return (
    <div className="text-vocab">
      <h4>Most frequent tokens</h4>
      <p className="data-hint">
        Ids 0 and 1 are reserved: [PAD] (0) fills out short texts, [UNK] (1) stands for any token outside the
        vocabulary.
      </p>
      <p className="text-vocab-list">
        {preview.vocabulary.map((t, i) => (
          <span key={i} className="text-vocab-token" title={`id ${i + 2}`}>
            {visibleToken(t)}
          </span>
        ))}
      </p>
    </div>
  );
}

function Balance({ preview }: { preview: TextPreview }) {
  const classes = preview.classes;
  if (!classes) return null;
  const totals = classes.map((c) => c.train + c.validation + c.test);
  return (
    <div className="text-balance">
      <h4>Class balance</h4>
      <Bars values={totals} labels={classes.map((c) => c.name)} title="Class balance" />
      <p className="data-stat">{classes.map((c, i) => `${quoteText(c.name)}: ${n(totals[i]!)}`).join(' · ')}</p>
    </div>
  );
}

function heading(preview: TextPreview, fileName: string | null): string {
  if (preview.source === 'corpus') return `Language modelling on ${fileName ?? 'the text'}: predict the next token`;
  if (preview.source === 'folders') return `Text files in class folders → ${preview.classes?.length ?? 0} classes`;
  return `Text column ${quoteText(preview.textColumn ?? '')} as tokens`;
}

/** A text dataset's settings and preview: tokens with ids, lengths against the sequence length, coverage. */
export function TextSection() {
  const {
    source,
    text: preview,
    textSettings,
    busy,
    schema: view,
    fileName,
    settings,
    csv,
  } = useAppStore((s) => s.dataPage);
  const facts = view ? { schema: view.schema, columns: settings.columns, preview: csv } : null;
  const asText = source === 'text' || (source === 'csv' && facts !== null && usesText(facts, textSettings));
  if (!asText) return null;
  const textColumn = source === 'csv' && facts ? textChoice(facts, textSettings)?.textColumn : null;
  const leftOut = textColumn && facts ? leftOutOfText(facts, textColumn) : [];
  return (
    <section className="data-section text-section" aria-label="Text">
      <h3>{preview ? heading(preview, fileName) : 'Text'}</h3>
      {leftOut.length > 0 ? (
        <p className="data-note" role="note">
          A text model reads only {quoteText(textColumn!)}: {leftOut.map((c) => quoteText(c)).join(', ')}{' '}
          {leftOut.length === 1 ? 'is' : 'are'} left out for now (text and numeric columns in one model are not built
          yet). Set {leftOut.length === 1 ? 'it' : 'them'} to ignore to silence this, or untick “Use as text” to train
          on the other columns as a table.
        </p>
      ) : null}
      <TextSettingsForm
        settings={textSettings}
        preview={preview}
        fallback={preview?.source === 'corpus' ? 'char' : 'word'}
        busy={busy}
        onChange={(next) => void appSession().data.editText(next)}
      />
      {preview ? (
        <>
          <Stats preview={preview} />
          <Samples preview={preview} />
          <div className="text-charts">
            {preview.lengths ? (
              <div className="text-lengths-box">
                <h4>
                  Tokens per training text{' '}
                  <span className="text-stat-note">
                    (tallest bar: {n(Math.max(...preview.lengths.bins.map((b) => b.count)))} texts)
                  </span>
                </h4>
                <LengthChart histogram={preview.lengths} />
              </div>
            ) : null}
            <Balance preview={preview} />
          </div>
          <Corpus preview={preview} />
          <Vocabulary preview={preview} />
        </>
      ) : busy ? (
        <p className="data-hint">Fitting the tokenizer…</p>
      ) : null}
    </section>
  );
}
