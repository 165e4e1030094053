import { useMemo, useState } from 'react';
import type { TabularTransform } from '../../data/tabular';

/** A starting value per column: the training mean, the most common category, or "no". */
function defaults(t: TabularTransform): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of t.features) {
    if (f.type === 'categorical') out[f.name] = f.fill;
    else if (f.type === 'boolean') out[f.name] = f.names[f.fill];
    else if (f.type === 'date') out[f.name] = new Date(Math.round(f.fill) * 86_400_000).toISOString().slice(0, 10);
    else out[f.name] = String(Number(f.fill.toPrecision(4)));
  }
  return out;
}

/** One input per feature column, prefilled with typical values; every change predicts again. */
export function FeatureForm({ transform, onRecord }: { transform: TabularTransform; onRecord(record: Record<string, string>): void }) {
  const initial = useMemo(() => defaults(transform), [transform]);
  const [record, setRecord] = useState(initial);
  const change = (name: string, v: string) => {
    const next = { ...record, [name]: v };
    setRecord(next);
    onRecord(next);
  };
  return (
    <form className="eval-form" aria-label="Feature values" onSubmit={(e) => { e.preventDefault(); onRecord(record); }}>
      {transform.features.map((f) => {
        const id = `try-${f.source}`;
        return (
          <label key={f.name} htmlFor={id}>
            <span>{f.name}</span>
            {f.type === 'categorical' ? (
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
              <input id={id} type={f.type === 'date' ? 'date' : 'text'} inputMode="decimal" value={record[f.name]} onChange={(e) => change(f.name, e.currentTarget.value)} />
            )}
          </label>
        );
      })}
      <button type="submit">Predict</button>
    </form>
  );
}
