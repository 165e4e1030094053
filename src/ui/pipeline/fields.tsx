import { useState, type ReactNode } from 'react';
import { appStore } from '../../store/app-store';

/**
 * A text area whose typing burst is one undo step: each keystroke edits the store as part of a
 * gesture, and leaving the field ends it.
 */
export function GestureTextArea(props: {
  label: string;
  value: string;
  max: number;
  rows?: number;
  placeholder?: string;
  onEdit: (value: string) => void;
}) {
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      <textarea
        value={props.value}
        rows={props.rows ?? 3}
        maxLength={props.max}
        placeholder={props.placeholder}
        onFocus={() => appStore.getState().beginPipelineGesture()}
        onChange={(e) => props.onEdit(e.currentTarget.value)}
        onBlur={() => appStore.getState().endPipelineGesture()}
      />
    </label>
  );
}

/** A one-line text field committed on Enter or blur, showing the refusal next to it. */
export function CommitField(props: {
  label: string;
  value: string;
  hint?: ReactNode;
  inputMode?: 'text' | 'decimal' | 'numeric';
  /** Returns the refusal reason, or null when the value was taken. */
  onCommit: (value: string) => string | null;
}) {
  const [draft, setDraft] = useState(props.value);
  const [shown, setShown] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  if (shown !== props.value) {
    // The stored value changed (undo, another editor): show it.
    setShown(props.value);
    setDraft(props.value);
    setError(null);
  }
  const commit = () => {
    if (draft === props.value) return setError(null);
    setError(props.onCommit(draft));
  };
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      <input
        type="text"
        value={draft}
        inputMode={props.inputMode}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(props.value);
            setError(null);
          }
        }}
      />
      {props.hint && <span className="field-hint muted">{props.hint}</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
