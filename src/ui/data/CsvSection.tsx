import type { ColumnOverride, ColumnSchema } from '../../data/columns';
import { textChoice } from '../../session/text-data';
import type { MissingPolicy, Scaling } from '../../data/preprocess';
import type { Task } from '../../data/types';
import { useAppStore } from '../../store/app-store';
import type { ColumnStats, CsvSettings, Histogram } from '../../worker/data-protocol';
import { quoteText } from '../../model/quote';
import { Bars, ColumnCard } from './ColumnCard';
import { InlineName } from './Name';
import { SplitField } from './SplitField';
import { appSession } from '../../session/app';
import { editAndApply } from './apply';
import { FixButtons } from './FixButtons';
import { PreviewTable } from './PreviewTable';
import { UseAsText } from './TextSection';

function withColumn(s: CsvSettings, name: string, o: ColumnOverride): CsvSettings {
  const columns = { ...s.columns, [name]: { ...s.columns[name], ...o } };
  if (o.role === 'label') return { ...s, columns, label: name };
  return { ...s, columns, ...(s.label === name && o.role ? { label: null } : {}) };
}

/** A column's statistics with its numbers read in its number format, when that is not plain. */
function withHistogram(stats: ColumnStats | undefined, histogram: Histogram | undefined): ColumnStats | undefined {
  return stats && histogram ? { ...stats, histogram } : stats;
}

export function CsvSection() {
  const { csv, schema: view, settings, busy, textSettings } = useAppStore((s) => s.dataPage);
  const inUse = useAppStore((s) => s.dataset?.kind === 'tabular' || s.dataset?.kind === 'text');
  const pageError = useAppStore((s) => s.dataPage.error);
  const failed = pageError !== null;
  if (!csv || !view) return null;
  const { schema } = view;
  const edit = (next: CsvSettings) => void editAndApply(next);
  // The column read as text is the model's input, not the ignored column inference made it.
  const textColumn = textChoice({ schema, columns: settings.columns, preview: csv }, textSettings)?.textColumn ?? null;
  const shown = (c: ColumnSchema): ColumnSchema =>
    c.name === textColumn ? { ...c, role: 'feature', notes: ['read as text: its tokens are the model input (see Text above)'] } : c;
  return (
    <section className="data-section" aria-label="Table">
      <h3>{csv.sourceName}</h3>
      <PreviewTable view={csv} />
      <div className="data-controls">
        <label>
          Label
          <select aria-label="Label column" value={schema.label ?? ''} onChange={(e) => edit({ ...settings, label: e.target.value || null })}>
            <option value="">(none)</option>
            {schema.columns.map((c) => (
              // A select is as wide as its longest option: long names are cut here, whole in the title.
              <option key={c.name} value={c.name} title={c.name}>
                {quoteText(c.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Task
          <select aria-label="Task" value={schema.task ?? ''} onChange={(e) => edit({ ...settings, task: e.target.value as Task })}>
            {schema.task === null ? <option value="">(choose a label)</option> : null}
            <option value="binary">binary classification</option>
            <option value="multiclass">multiclass classification</option>
            <option value="regression">regression</option>
          </select>
        </label>
        <label>
          Missing values
          <select aria-label="Missing values" value={settings.missing ?? ''} onChange={(e) => edit({ ...settings, missing: (e.target.value || undefined) as MissingPolicy })}>
            <option value="">automatic (mean / most frequent)</option>
            <option value="mean">fill with mean</option>
            <option value="median">fill with median</option>
            <option value="mode">fill with most frequent</option>
            <option value="drop">drop the row</option>
          </select>
        </label>
        <label>
          Scaling
          <select aria-label="Scaling" value={settings.scaling ?? 'standardize'} onChange={(e) => edit({ ...settings, scaling: e.target.value as Scaling })}>
            <option value="standardize">standardize</option>
            <option value="minmax">min–max to 0…1</option>
            <option value="none">none</option>
          </select>
        </label>
        <label>
          One-hot cap
          <input
            aria-label="One-hot cap"
            type="number"
            min={2}
            max={1000}
            value={settings.maxCategories ?? 50}
            onChange={(e) => edit({ ...settings, maxCategories: Number(e.target.value) || 50 })}
          />
        </label>
        {settings.splitColumn ? (
          <p className="data-split-column">
            Split by the column <b>{settings.splitColumn}</b> (train / validation / test in each row): the rows the
            classic baseline was scored on.{' '}
            <button type="button" onClick={() => edit({ ...settings, splitColumn: undefined })}>
              Use percentages instead
            </button>
          </p>
        ) : (
          <SplitField value={settings.split} onChange={(split) => edit({ ...settings, split })} />
        )}
        <UseAsText />
      </div>
      {view.classBalance ? (
        <div className="data-balance">
          <h4>
            Class balance of <InlineName text={schema.label ?? ''} />
          </h4>
          <Bars values={view.classBalance.map((c) => c.count)} labels={view.classBalance.map((c) => c.name)} title="Class balance" />
          <p className="data-stat">
            {view.classBalance.map((c, i) => (
              <span key={c.name}>
                {i > 0 ? ' · ' : ''}
                <InlineName text={c.name} />: {c.count}
              </span>
            ))}
          </p>
        </div>
      ) : null}
      <ul className="data-problems">
        {[...csv.parseProblems, ...schema.problems]
          .filter((p) => p.message !== pageError?.message && !(p.code === 'text-ignored' && p.column === textColumn))
          .map((p, i) => (
          <li key={i} className={`problem-${p.severity}`}>
            {p.message} <FixButtons fix={p.fix} />
          </li>
        ))}
      </ul>
      <div className="data-actions">
        <button type="button" className="data-primary" disabled={busy || schema.label === null} onClick={() => void appSession().data.prepareCsv()}>
          Use this data
        </button>
        <p className="data-pending" role="status">
          {schema.label === null
            ? 'Choose a label column to use this table.'
            : failed && !busy
              ? 'Not in use: see the problem above.'
              : busy || !inUse
              ? 'Applying your changes…'
              : 'Changes apply at once: training uses the table as set here.'}
        </p>
      </div>
      <div className="data-columns">
        {schema.columns.map((c) => (
          <ColumnCard
            key={c.name}
            column={shown(c)}
            stats={withHistogram(
              csv.stats.find((s) => s.name === c.name),
              view.histograms?.[c.name],
            )}
            onType={(type) => edit(withColumn(settings, c.name, { type }))}
            onRole={(role) => edit(withColumn(settings, c.name, { role }))}
            chosenFormat={settings.columns[c.name]?.numberFormat}
            onNumberFormat={(numberFormat) => edit(withColumn(settings, c.name, { numberFormat }))}
          />
        ))}
      </div>
    </section>
  );
}
