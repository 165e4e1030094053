import type { StageKind } from '../../pipeline/types';

/**
 * A palette and its canvas live in different subtrees; each canvas registers how to turn a screen
 * point into a new element, and the palette's pointer drag (usePaletteDrag) calls it on release.
 */

/** What each palette drags: the Model page's layer types and the Pipeline page's stage kinds. */
export interface DropItems {
  layer: string;
  stage: StageKind;
}
export type DropKind = keyof DropItems;

/** Adds `item` at the screen point; false when the point is not over this canvas. */
export type DropHandler<K extends DropKind> = (item: DropItems[K], clientX: number, clientY: number) => boolean;

const handlers: { [K in DropKind]?: DropHandler<K> } = {};

/** Installs the canvas' handler for `kind`; returns the cleanup for a React effect. */
export function registerDropTarget<K extends DropKind>(kind: K, handler: DropHandler<K>): () => void {
  handlers[kind] = handler as (typeof handlers)[K];
  return () => {
    // A remounted canvas may already have put its own handler in place.
    if (handlers[kind] === handler) delete handlers[kind];
  };
}

export function dropOnCanvas<K extends DropKind>(
  kind: K,
  item: DropItems[K],
  clientX: number,
  clientY: number,
): boolean {
  const handler = handlers[kind] as DropHandler<K> | undefined;
  return handler?.(item, clientX, clientY) ?? false;
}

/** True when the screen point lies inside `el` (a canvas' wrapper). */
export function isOver(el: Element | null, clientX: number, clientY: number): boolean {
  const r = el?.getBoundingClientRect();
  return !!r && clientX >= r.left && clientX <= r.right && clientY >= r.top && clientY <= r.bottom;
}
