import type { ReactNode } from 'react';

/** A labelled row of the Train form. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="train-field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A number input that only reports finite values, so a half-typed "1e" never reaches the store. */
export function NumberField({
  label,
  value,
  onChange,
  step = 'any',
  min,
  max,
  disabled,
}: {
  label: string;
  value: number;
  onChange(v: number): void;
  step?: string;
  min?: number;
  max?: number;
  disabled?: boolean;
}) {
  return (
    <Field label={label}>
      <input
        type="number"
        value={Number.isFinite(value) ? value : ''}
        step={step}
        min={min}
        max={max}
        disabled={disabled}
        onChange={(e) => {
          const v = e.currentTarget.valueAsNumber;
          if (Number.isFinite(v)) onChange(v);
        }}
      />
    </Field>
  );
}
