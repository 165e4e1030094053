import { useState, type CSSProperties, type MouseEvent, type PointerEvent } from 'react';
import { dropOnCanvas, type DropItems, type DropKind } from './drop-target';

/**
 * Dragging from a palette onto a canvas, shared by the Model page's layers and the Pipeline
 * page's stages. Pointer events rather than HTML5 drag-and-drop: they work the same for mouse,
 * pen and touch (mobile browsers never start an HTML5 drag from a finger).
 */

/** Past this many pixels a press becomes a drag; less stays a click or a tap (fingers jitter). */
export const DRAG_THRESHOLD_PX = 4;

/** What follows the pointer once a press has become a drag. */
export interface PaletteGhost<T extends string = string> {
  readonly item: T;
  readonly x: number;
  readonly y: number;
}

interface Press<T> {
  readonly item: T;
  readonly pointerId: number;
  readonly startX: number;
  readonly startY: number;
  moved: boolean;
}

/** The press → drag → drop state machine, free of React and the DOM so Node tests can drive it. */
export class PaletteDragTracker<T extends string = string> {
  private press: Press<T> | null = null;
  private justDropped = false;

  constructor(
    private readonly showGhost: (ghost: PaletteGhost<T> | null) => void,
    private readonly drop: (item: T, clientX: number, clientY: number) => void,
  ) {}

  down(item: T, pointerId: number, x: number, y: number): void {
    this.justDropped = false;
    this.press = { item, pointerId, startX: x, startY: y, moved: false };
  }

  move(pointerId: number, x: number, y: number): void {
    const p = this.press;
    // A second finger on a touch screen is not this drag.
    if (!p || p.pointerId !== pointerId) return;
    if (!p.moved && Math.hypot(x - p.startX, y - p.startY) <= DRAG_THRESHOLD_PX) return;
    p.moved = true;
    this.showGhost({ item: p.item, x, y });
  }

  up(pointerId: number, x: number, y: number): void {
    const p = this.press;
    if (!p || p.pointerId !== pointerId) return;
    this.press = null;
    if (!p.moved) return;
    this.showGhost(null);
    this.justDropped = true;
    this.drop(p.item, x, y);
  }

  /** The browser took the pointer (a scroll, a system gesture): drop nothing. */
  cancel(pointerId: number): void {
    if (!this.press || this.press.pointerId !== pointerId) return;
    const moved = this.press.moved;
    this.press = null;
    if (moved) this.showGhost(null);
  }

  /**
   * True for the click the browser sends after a drag's release (on the captured item), which
   * must not also add the item. Keyboard clicks (detail 0: Enter or Space) always go through.
   */
  swallowsClick(detail: number): boolean {
    const swallow = this.justDropped && detail > 0;
    this.justDropped = false;
    return swallow;
  }
}

export interface PaletteItemProps {
  onPointerDown(e: PointerEvent<HTMLElement>): void;
  onPointerMove(e: PointerEvent<HTMLElement>): void;
  onPointerUp(e: PointerEvent<HTMLElement>): void;
  onPointerCancel(e: PointerEvent<HTMLElement>): void;
  onClickCapture(e: MouseEvent<HTMLElement>): void;
  style: CSSProperties;
}

/** Without this a finger's move scrolls the palette and the browser cancels the pointer. */
const NO_TOUCH_PANNING: CSSProperties = { touchAction: 'none' };

/**
 * `itemProps(item)` goes on each palette item; `ghost` is where to draw the dragged label. A
 * release over the canvas registered for `kind` (see drop-target.ts) adds the item there.
 */
export function usePaletteDrag<K extends DropKind>(
  kind: K,
): {
  ghost: PaletteGhost<DropItems[K]> | null;
  itemProps(item: DropItems[K], enabled?: boolean): PaletteItemProps;
} {
  const [ghost, setGhost] = useState<PaletteGhost<DropItems[K]> | null>(null);
  const [tracker] = useState(
    () => new PaletteDragTracker<DropItems[K]>(setGhost, (item, x, y) => void dropOnCanvas(kind, item, x, y)),
  );

  const itemProps = (item: DropItems[K], enabled = true): PaletteItemProps => ({
    onPointerDown(e) {
      if (!enabled || e.button !== 0) return;
      // Keeps move and up events coming to the item while the pointer is over the canvas.
      e.currentTarget.setPointerCapture(e.pointerId);
      tracker.down(item, e.pointerId, e.clientX, e.clientY);
    },
    onPointerMove: (e) => tracker.move(e.pointerId, e.clientX, e.clientY),
    onPointerUp: (e) => tracker.up(e.pointerId, e.clientX, e.clientY),
    onPointerCancel: (e) => tracker.cancel(e.pointerId),
    onClickCapture(e) {
      if (!tracker.swallowsClick(e.detail)) return;
      e.preventDefault();
      e.stopPropagation();
    },
    style: NO_TOUCH_PANNING,
  });

  return { ghost, itemProps };
}
