import { describe, expect, it } from 'vitest';
import { beginGesture, commit, endGesture, HISTORY_LIMIT, redo, undo, type History } from './history';

/** Documents are compared by identity, as the slices' immutable graphs are; boxes make that visible. */
const doc = (n: number) => ({ n });
const fresh = <T>(present: T): History<T> => ({ present, past: [], future: [], gestureStart: null });
const values = (h: History<{ n: number }>) => ({
  present: h.present.n,
  past: h.past.map((d) => d.n),
  future: h.future.map((d) => d.n),
});

describe('undo history', () => {
  it('records each edit as its own step and undoes and redoes them in order', () => {
    let h = fresh(doc(0));
    h = commit(h, doc(1));
    h = commit(h, doc(2));
    expect(values(h)).toEqual({ present: 2, past: [0, 1], future: [] });
    h = undo(h);
    expect(values(h)).toEqual({ present: 1, past: [0], future: [2] });
    h = redo(h);
    expect(values(h)).toEqual({ present: 2, past: [0, 1], future: [] });
  });

  it('returns the same object when nothing changes, so the store can skip an update', () => {
    const h = fresh(doc(0));
    expect(commit(h, h.present)).toBe(h);
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
    expect(endGesture(h)).toBe(h);
    const inGesture = beginGesture(h);
    expect(beginGesture(inGesture)).toBe(inGesture);
  });

  it('a new edit clears redo', () => {
    let h = undo(commit(fresh(doc(0)), doc(1)));
    expect(h.future).toHaveLength(1);
    h = commit(h, doc(2));
    expect(values(h)).toEqual({ present: 2, past: [0], future: [] });
  });

  it('records a whole gesture as one step, back to where it began', () => {
    const start = doc(0);
    let h = beginGesture(fresh(start));
    for (let i = 1; i <= 50; i++) h = commit(h, doc(i), 'transient');
    // A 'record' edit inside a gesture joins it rather than splitting it.
    h = commit(h, doc(51));
    expect(h.past).toHaveLength(0);
    h = endGesture(h);
    expect(values(h)).toEqual({ present: 51, past: [0], future: [] });
    expect(undo(h).present).toBe(start);
  });

  it('starts a gesture implicitly on a transient edit outside one', () => {
    const start = doc(0);
    let h = commit(fresh(start), doc(1), 'transient');
    expect(h.gestureStart).toBe(start);
    h = commit(h, doc(2), 'transient');
    h = endGesture(h);
    expect(values(h)).toEqual({ present: 2, past: [0], future: [] });
  });

  it('a gesture that changed nothing leaves no step', () => {
    const h = endGesture(beginGesture(commit(fresh(doc(0)), doc(1))));
    expect(values(h)).toEqual({ present: 1, past: [0], future: [] });
    expect(h.gestureStart).toBeNull();
  });

  it('undo during a gesture takes back the whole gesture', () => {
    let h = commit(fresh(doc(0)), doc(1));
    h = commit(h, doc(2), 'transient');
    h = commit(h, doc(3), 'transient');
    h = undo(h);
    expect(values(h)).toEqual({ present: 1, past: [0], future: [3] });
    expect(h.gestureStart).toBeNull();
  });

  it("'none' changes the document without a step and keeps redo", () => {
    let h = undo(commit(fresh(doc(0)), doc(1)));
    h = commit(h, doc(9), 'none');
    expect(values(h)).toEqual({ present: 9, past: [], future: [1] });
  });

  it('keeps at most the limit of steps, dropping the oldest', () => {
    let h = fresh(doc(0));
    for (let i = 1; i <= HISTORY_LIMIT + 5; i++) h = commit(h, doc(i));
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]!.n).toBe(5);
    let small = fresh(doc(0));
    for (let i = 1; i <= 4; i++) small = commit(small, doc(i), 'record', 2);
    expect(values(small).past).toEqual([2, 3]);
  });
});
