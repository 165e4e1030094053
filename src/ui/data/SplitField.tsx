import { useState } from 'react';
import type { SplitRatios } from '../../data/split';

const DEFAULT: SplitRatios = { train: 0.7, validation: 0.15, test: 0.15 };
const KEYS = ['train', 'validation', 'test'] as const;

/**
 * Train / validation / test percentages. A change is passed on only once the three add up to
 * 100 and training keeps at least 1 %, so a half-typed value never reaches the split.
 */
export function SplitField({ value, onChange }: { value: SplitRatios | undefined; onChange(r: SplitRatios): void }) {
  const current = value ?? DEFAULT;
  const [draft, setDraft] = useState(() => KEYS.map((k) => String(Math.round(current[k] * 100))));
  const nums = draft.map(Number);
  const sum = nums.reduce((a, b) => a + b, 0);
  const invalid = nums.some((n) => !Number.isFinite(n) || n < 0) || nums[0]! < 1 || Math.round(sum) !== 100;
  const set = (i: number, text: string) => {
    const next = draft.map((d, j) => (j === i ? text : d));
    setDraft(next);
    const n = next.map(Number);
    if (n.every((x) => Number.isFinite(x) && x >= 0) && n[0]! >= 1 && Math.round(n.reduce((a, b) => a + b, 0)) === 100) {
      onChange({ train: n[0]! / 100, validation: n[1]! / 100, test: n[2]! / 100 });
    }
  };
  return (
    <fieldset className="data-split-field">
      <legend>Split % (train / validation / test, stratified, seeded)</legend>
      {KEYS.map((k, i) => (
        <input key={k} aria-label={`${k} %`} type="number" min={0} max={100} value={draft[i]} onChange={(e) => set(i, e.target.value)} />
      ))}
      {invalid && (
        <small role="alert" className="problem-warning">
          The three parts must add up to 100 (now {Number.isFinite(sum) ? sum : '?'}), with at least 1 % for training.
        </small>
      )}
    </fieldset>
  );
}
