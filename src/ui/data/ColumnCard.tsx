import type { ColumnRole, ColumnSchema, ColumnType } from '../../data/columns';
import type { NumberFormat } from '../../data/csv/formats';
import { NUMBER_FORMAT_EXAMPLES, NUMBER_FORMATS } from '../../data/csv/formats';
import type { ColumnStats } from '../../worker/data-protocol';
import { InlineName } from './Name';

const TYPES: readonly ColumnType[] = ['numeric', 'categorical', 'boolean', 'date', 'text'];
/** The roles as the menu names them: `text` and `id` each make an Input of their own (mixed inputs). */
const ROLES: readonly { readonly role: ColumnRole; readonly label: string; readonly hint?: string }[] = [
  { role: 'feature', label: 'feature' },
  { role: 'label', label: 'label' },
  { role: 'ignore', label: 'ignore' },
  { role: 'text', label: 'Text → its own Input', hint: 'token ids of this column feed an Input of its own' },
  {
    role: 'id',
    label: 'Id → Embedding Input',
    hint: 'each value becomes one index (0 = unseen) for an Embedding of its own Input',
  },
];
const fmt = (v: number) => (Math.abs(v) >= 1000 || Number.isInteger(v) ? v.toLocaleString() : v.toPrecision(4));

export function Bars({
  values,
  labels,
  title,
}: {
  values: readonly number[];
  labels?: readonly string[];
  title: string;
}) {
  const max = Math.max(1, ...values);
  const w = 180;
  const h = 48;
  const bw = w / Math.max(1, values.length);
  return (
    <svg className="data-bars" width={w} height={h} role="img" aria-label={title}>
      {values.map((v, i) => (
        <rect key={i} x={i * bw + 1} y={h - (v / max) * h} width={Math.max(1, bw - 2)} height={(v / max) * h}>
          <title>{`${labels?.[i] ?? ''} ${v}`.trim()}</title>
        </rect>
      ))}
    </svg>
  );
}

interface Props {
  readonly column: ColumnSchema;
  readonly stats: ColumnStats | undefined;
  onType(type: ColumnType): void;
  onRole(role: ColumnRole): void;
  /** The format the user chose for this column, if any. */
  readonly chosenFormat: NumberFormat | undefined;
  onNumberFormat(format: NumberFormat): void;
}

export function ColumnCard({ column, stats, onType, onRole, chosenFormat, onNumberFormat }: Props) {
  // The values fit two formats and the user has not chosen: the select says so instead of guessing.
  const undecided = column.inferredNumberFormat === null && chosenFormat === undefined;
  const h = stats?.histogram;
  const showTop = column.type !== 'numeric' && column.type !== 'date' && stats?.top;
  return (
    <article className={`data-column role-${column.role}`} aria-label={`Column ${column.name}`}>
      <h4 className="data-name" title={column.name}>
        {column.name}
      </h4>
      <label>
        Type
        <select
          aria-label={`Type of ${column.name}`}
          value={column.type}
          onChange={(e) => onType(e.target.value as ColumnType)}
        >
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
              {t === column.inferredType ? ' (detected)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        Role
        <select
          aria-label={`Role of ${column.name}`}
          value={column.role}
          onChange={(e) => onRole(e.target.value as ColumnRole)}
        >
          {ROLES.map((r) => (
            <option key={r.role} value={r.role} title={r.hint}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      {column.role === 'text' || column.role === 'id' ? (
        <p className="data-note" data-testid="own-input">
          Feeds an Input of its own, named after the column:{' '}
          {column.role === 'text'
            ? 'token ids of the text, for an Embedding'
            : 'one index per value (0 = unseen), for an Embedding'}
          .
        </p>
      ) : null}
      {column.type === 'numeric' ? (
        <label>
          Number format
          <select
            aria-label={`Number format of ${column.name}`}
            value={undecided ? '' : column.numberFormat}
            aria-invalid={undecided ? true : undefined}
            onChange={(e) => e.target.value && onNumberFormat(e.target.value as NumberFormat)}
          >
            {undecided ? <option value="">choose a format</option> : null}
            {NUMBER_FORMATS.map((f) => (
              <option key={f} value={f}>
                {NUMBER_FORMAT_EXAMPLES[f]}
                {f === column.inferredNumberFormat ? ' (detected)' : ''}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <p className="data-stat">
        Missing: {column.missing.toLocaleString()} · Distinct: {column.distinct?.toLocaleString() ?? 'many'}
      </p>
      {h && !showTop ? (
        <>
          <p className="data-stat" data-testid="numeric-stats">
            min {fmt(h.min)} · max {fmt(h.max)} · mean {fmt(h.mean)}
          </p>
          <Bars values={h.bins} title={`Histogram of ${column.name}`} />
        </>
      ) : null}
      {showTop ? (
        <>
          <p className="data-stat" data-testid="top-categories">
            Top:{' '}
            {stats.top!.slice(0, 4).map((t, i) => (
              <span key={t.value}>
                {i > 0 ? ', ' : ''}
                <InlineName text={t.value} /> ({t.count})
              </span>
            ))}
          </p>
          <Bars
            values={stats.top!.map((t) => t.count)}
            labels={stats.top!.map((t) => t.value)}
            title={`Top values of ${column.name}`}
          />
        </>
      ) : null}
      <p className="data-summary">{column.summary}</p>
      {column.notes.map((n) => (
        <p key={n} className="data-note">
          {n}
        </p>
      ))}
    </article>
  );
}
