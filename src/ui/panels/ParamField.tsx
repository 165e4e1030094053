import { memo, useId, useState } from 'react';
import type { ParamValue } from '../../model/graph';
import { isRegularizer } from '../../model/graph';
import { ACTIVATIONS, INITIALIZERS, type ParamDef } from '../../model/params';
import { appStore } from '../../store/app-store';
import type { HistoryMode } from '../../store/graph-slice';

interface Props {
  def: ParamDef;
  value: ParamValue | undefined;
  /** The validator's complaint about this param, shown in place. */
  problem: string | null;
  onChange(value: ParamValue, mode: HistoryMode): void;
}

const parseInts = (text: string, length: number | null): number[] | null => {
  const parts = text.split(/[\s,×x*]+/).filter(Boolean);
  if (parts.length === 0) return null;
  const nums = parts.map(Number);
  if (nums.some((n) => !Number.isInteger(n))) return null;
  // One number fills a fixed-length tuple, as Keras' kernel_size=3 does.
  if (length !== null && nums.length === 1) return Array.from({ length }, () => nums[0]!);
  return nums;
};

/** What a text field's draft means as a value, or undefined while it means nothing yet. */
function draftValue(def: ParamDef, text: string): ParamValue | undefined {
  if (def.kind === 'ints') return parseInts(text, def.length) ?? undefined;
  if (def.kind !== 'int' && def.kind !== 'float') return undefined;
  if (text.trim() === '') return def.nullable ? null : undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

const textOf = (v: ParamValue | undefined) => (Array.isArray(v) ? v.join(', ') : v === null || v === undefined ? '' : String(v));

/** Typing is one gesture: each keystroke edits transiently and leaving the field records one step. */
const endGesture = () => appStore.getState().endGesture();

function ParamFieldView({ def, value, problem, onChange }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(textOf(value));
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // Undo, redo or another control changed the value: show it, unless the draft already says
    // the same thing in the user's own words ("3" for a 3×3 kernel).
    setSeen(value);
    if (textOf(draftValue(def, draft)) !== textOf(value)) {
      setDraft(textOf(value));
      setLocalProblem(null);
    }
  }
  const shown = localProblem ?? problem;
  const hint = <small className="field-help">{def.help}</small>;
  const error = shown && (
    <small className="field-error" role="alert">
      {shown}
    </small>
  );

  switch (def.kind) {
    case 'bool':
      return (
        <div className="field field-bool">
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked, 'record')} />
          <label htmlFor={id}>{def.label}</label>
          {error}
        </div>
      );
    case 'enum':
    case 'activation':
    case 'initializer': {
      const options = def.kind === 'enum' ? def.options : def.kind === 'activation' ? ACTIVATIONS : INITIALIZERS;
      return (
        <div className="field">
          <label htmlFor={id}>{def.label}</label>
          <select id={id} value={String(value ?? def.default)} onChange={(e) => onChange(e.target.value, 'record')}>
            {options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          {hint}
          {error}
        </div>
      );
    }
    case 'regularizer': {
      const r = isRegularizer(value) ? value : { l1: 0, l2: 0 };
      const set = (k: 'l1' | 'l2', text: string) => {
        const n = Number(text);
        if (text.trim() === '' || !Number.isFinite(n)) return setLocalProblem(`${k.toUpperCase()} must be a number`);
        setLocalProblem(null);
        const next = { ...r, [k]: n };
        onChange(next.l1 === 0 && next.l2 === 0 ? null : next, 'transient');
      };
      return (
        <fieldset className="field field-reg">
          <legend>{def.label}</legend>
          {(['l1', 'l2'] as const).map((k) => (
            <label key={k}>
              {k.toUpperCase()}
              <input type="number" min={0} step="any" defaultValue={r[k]} onChange={(e) => set(k, e.target.value)} onBlur={endGesture} aria-label={`${def.label} ${k.toUpperCase()}`} />
            </label>
          ))}
          {hint}
          {error}
        </fieldset>
      );
    }
    case 'int':
    case 'float':
    case 'ints': {
      const commit = (text: string) => {
        setDraft(text);
        if (def.kind === 'ints') {
          const parsed = parseInts(text, def.length);
          if (!parsed) return setLocalProblem('Enter whole numbers separated by commas');
          setLocalProblem(null);
          return onChange(parsed, 'transient');
        }
        if (text.trim() === '') {
          if (def.nullable) {
            setLocalProblem(null);
            return onChange(null, 'transient');
          }
          return setLocalProblem(`${def.label} needs a value`);
        }
        const n = Number(text);
        if (!Number.isFinite(n)) return setLocalProblem(`${def.label} must be a number`);
        setLocalProblem(null);
        onChange(n, 'transient');
      };
      return (
        <div className="field">
          <label htmlFor={id}>{def.label}</label>
          <input
            id={id}
            type={def.kind === 'ints' ? 'text' : 'number'}
            inputMode={def.kind === 'float' ? 'decimal' : 'numeric'}
            min={def.kind !== 'ints' ? def.min : undefined}
            max={def.kind !== 'ints' ? def.max : undefined}
            step={def.kind === 'float' ? 'any' : 1}
            value={draft}
            aria-invalid={shown ? true : undefined}
            placeholder={def.kind !== 'ints' && def.nullable ? 'none' : undefined}
            onChange={(e) => commit(e.target.value)}
            onBlur={endGesture}
            onKeyDown={(e) => e.key === 'Enter' && endGesture()}
          />
          {def.kind === 'float' && def.min !== undefined && def.max !== undefined && def.max - def.min <= 1 && (
            <input
              type="range"
              aria-label={`${def.label} slider`}
              min={def.min}
              max={def.max}
              step={0.01}
              value={typeof value === 'number' ? value : def.min}
              onPointerDown={() => appStore.getState().beginGesture()}
              onChange={(e) => onChange(Number(e.target.value), 'transient')}
              onPointerUp={endGesture}
              onKeyUp={endGesture}
            />
          )}
          {hint}
          {error}
        </div>
      );
    }
  }
}

export const ParamField = memo(ParamFieldView);
