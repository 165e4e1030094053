import { describe, expect, it } from 'vitest';
import { dropOnCanvas, isOver, registerDropTarget } from './drop-target';
import { DRAG_THRESHOLD_PX, PaletteDragTracker, type PaletteGhost } from './use-palette-drag';

function tracker() {
  const ghosts: (PaletteGhost | null)[] = [];
  const drops: [string, number, number][] = [];
  const t = new PaletteDragTracker(
    (g) => ghosts.push(g),
    (item, x, y) => drops.push([item, x, y]),
  );
  return { t, ghosts, drops };
}

describe('palette drag', () => {
  it('drops the item where a press that moved is released, with a ghost on the way', () => {
    const { t, ghosts, drops } = tracker();
    t.down('Dense', 1, 10, 10);
    t.move(1, 60, 40);
    t.move(1, 300, 200);
    t.up(1, 300, 200);
    expect(ghosts).toEqual([{ item: 'Dense', x: 60, y: 40 }, { item: 'Dense', x: 300, y: 200 }, null]);
    expect(drops).toEqual([['Dense', 300, 200]]);
  });

  it('treats a press that stays within the threshold as a click or tap, dropping nothing', () => {
    const { t, ghosts, drops } = tracker();
    t.down('notes', 7, 10, 10);
    t.move(7, 10 + DRAG_THRESHOLD_PX, 10);
    t.up(7, 10 + DRAG_THRESHOLD_PX, 10);
    expect(ghosts).toEqual([]);
    expect(drops).toEqual([]);
    expect(t.swallowsClick(1)).toBe(false);
  });

  it('ignores a second finger and drops nothing when the browser cancels the pointer', () => {
    const { t, ghosts, drops } = tracker();
    t.down('notes', 1, 0, 0);
    t.move(2, 200, 200);
    t.up(2, 200, 200);
    expect(ghosts).toEqual([]);
    t.move(1, 50, 0);
    t.cancel(1);
    t.up(1, 50, 0);
    expect(ghosts).toEqual([{ item: 'notes', x: 50, y: 0 }, null]);
    expect(drops).toEqual([]);
  });

  it('swallows the pointer click that follows a drop, once, but never a keyboard click', () => {
    const { t } = tracker();
    t.down('notes', 1, 0, 0);
    t.move(1, 100, 0);
    t.up(1, 100, 0);
    expect(t.swallowsClick(0)).toBe(false);
    t.down('notes', 1, 0, 0);
    t.move(1, 100, 0);
    t.up(1, 100, 0);
    expect(t.swallowsClick(1)).toBe(true);
    expect(t.swallowsClick(1)).toBe(false);
  });

  it('routes a drop to the canvas registered for its palette, until that canvas goes away', () => {
    const got: string[] = [];
    const off = registerDropTarget('stage', (kind) => got.push(kind) > 0);
    expect(dropOnCanvas('stage', 'notes', 0, 0)).toBe(true);
    expect(dropOnCanvas('layer', 'Dense', 0, 0)).toBe(false);
    off();
    expect(dropOnCanvas('stage', 'notes', 0, 0)).toBe(false);
    expect(got).toEqual(['notes']);
  });

  it('hit-tests a point against an element box, edges included', () => {
    const el = { getBoundingClientRect: () => ({ left: 10, top: 20, right: 110, bottom: 220 }) } as Element;
    expect(isOver(el, 10, 20)).toBe(true);
    expect(isOver(el, 111, 50)).toBe(false);
    expect(isOver(null, 50, 50)).toBe(false);
  });
});
