import { useMemo, useState } from 'react';
import type { TabularTransform } from '../../data/tabular';

/** A starting value per column: the training mean, the most common category, or "no". */
function defaults(t: TabularTransform): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of t.features) {
    if (f.type === 'categorical') out[f.name] = f.fill;
    else if (f.type === 'boolean') out[f.name] = f.names[f.fill];
    else if (f.type === 'text') out[f.name] = '';
    // An id starts at a value training saw, so the first prediction is for a known user or item.
    else if (f.type === 'id') out[f.name] = f.values[0] ?? '';
    else if (f.type === 'date') out[f.name] = new Date(Math.round(f.fill) * 86_400_000).toISOString().slice(0, 10);
    else out[f.name] = String(Number(f.fill.toPrecision(4)));
  }
  return out;
}

/** Most suggestions an id field lists (the datalist of values training saw). */
const ID_SUGGESTIONS = 500;

/**
 * One input per feature column, prefilled with typical values; every change predicts again. A
 * text-role column gets a text area and an id-role column a field suggesting the ids training saw
 * (mixed inputs: each feeds its own Input after the same transform as training).
 */
export function FeatureForm({
  transform,
  onRecord,
}: {
  transform: TabularTransform;
  onRecord(record: Record<string, string>): void;
}) {
  const initial = useMemo(() => defaults(transform), [transform]);
  const [record, setRecord] = useState(initial);
  const change = (name: string, v: string) => {
    const next = { ...record, [name]: v };
    setRecord(next);
    onRecord(next);
  };
  return (
    <form
      className="eval-form"
      aria-label="Feature values"
      onSubmit={(e) => {
        e.preventDefault();
        onRecord(record);
      }}
    >
      {transform.features.map((f) => {
        const id = `try-${f.source}`;
        return (
          <label key={f.name} htmlFor={id}>
            <span>{f.name}</span>
            {f.type === 'text' ? (
              <textarea
                id={id}
                rows={3}
                value={record[f.name]}
                placeholder={`Type a ${f.name}…`}
                onChange={(e) => change(f.name, e.currentTarget.value)}
              />
            ) : f.type === 'id' ? (
              <>
                <input
                  id={id}
                  list={`${id}-ids`}
                  value={record[f.name]}
                  onChange={(e) => change(f.name, e.currentTarget.value)}
                />
                <datalist id={`${id}-ids`}>
                  {f.values.slice(0, ID_SUGGESTIONS).map((v) => (
                    <option key={v} value={v} />
                  ))}
                </datalist>
              </>
            ) : f.type === 'categorical' ? (
              <select id={id} value={record[f.name]} onChange={(e) => change(f.name, e.currentTarget.value)}>
                {f.categories.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
                {f.other && <option value="">(other)</option>}
              </select>
            ) : f.type === 'boolean' ? (
              <select id={id} value={record[f.name]} onChange={(e) => change(f.name, e.currentTarget.value)}>
                {f.names.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                type={f.type === 'date' ? 'date' : 'text'}
                inputMode="decimal"
                value={record[f.name]}
                onChange={(e) => change(f.name, e.currentTarget.value)}
              />
            )}
          </label>
        );
      })}
      <button type="submit">Predict</button>
    </form>
  );
}
