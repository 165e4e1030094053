/**
 * Undo history for one document (the layer graph, the pipeline), as pure functions over a plain
 * value so both slices share one implementation and it can be tested without a store. Every
 * function returns its input unchanged (the same object) when nothing changed, so a slice can
 * skip `set` and React does not re-render.
 */

/**
 * How an edit enters history (after excalidraw's captureUpdate):
 * - 'record': its own undo step;
 * - 'transient': part of a gesture in progress (a drag, a slider); the step is recorded once
 *   when the gesture ends, so one gesture is one undo step.
 * - 'none': never undoable (loading a project resets history instead).
 */
export type HistoryMode = 'record' | 'transient' | 'none';

export interface History<T> {
  readonly present: T;
  readonly past: readonly T[];
  readonly future: readonly T[];
  /** `present` as it was when the current gesture began; null outside gestures. */
  readonly gestureStart: T | null;
}

/** How many undo steps we keep; older ones fall off. */
export const HISTORY_LIMIT = 200;

function pushPast<T>(past: readonly T[], value: T, limit: number): T[] {
  return [...past, value].slice(-limit);
}

/** Makes `next` the present, entering history as `mode` says. */
export function commit<T>(h: History<T>, next: T, mode: HistoryMode = 'record', limit = HISTORY_LIMIT): History<T> {
  if (next === h.present) return h;
  if (mode === 'record' && h.gestureStart === null) {
    return { ...h, present: next, past: pushPast(h.past, h.present, limit), future: [] };
  }
  if (mode === 'transient' && h.gestureStart === null) {
    // A transient edit outside a gesture starts one implicitly, ended by the next endGesture.
    return { ...h, present: next, gestureStart: h.present };
  }
  // Inside a gesture (or 'none'): the step is recorded, if at all, when the gesture ends.
  return { ...h, present: next };
}

/** Marks where a gesture starts; a gesture already running keeps its start. */
export function beginGesture<T>(h: History<T>): History<T> {
  return h.gestureStart === null ? { ...h, gestureStart: h.present } : h;
}

/** Ends the gesture: one undo step back to its start, or none when it changed nothing. */
export function endGesture<T>(h: History<T>, limit = HISTORY_LIMIT): History<T> {
  const start = h.gestureStart;
  if (start === null) return h;
  if (start === h.present) return { ...h, gestureStart: null };
  return { ...h, gestureStart: null, past: pushPast(h.past, start, limit), future: [] };
}

/** Steps back; a gesture in progress is ended first, so undo takes back the whole gesture. */
export function undo<T>(h: History<T>, limit = HISTORY_LIMIT): History<T> {
  const ended = endGesture(h, limit);
  if (ended.past.length === 0) return ended;
  const prev = ended.past[ended.past.length - 1]!;
  return { ...ended, present: prev, past: ended.past.slice(0, -1), future: [ended.present, ...ended.future] };
}

/** Steps forward again, if an undo left anything to redo. */
export function redo<T>(h: History<T>, limit = HISTORY_LIMIT): History<T> {
  if (h.future.length === 0) return h;
  const next = h.future[0]!;
  return { ...h, present: next, past: pushPast(h.past, h.present, limit), future: h.future.slice(1) };
}
