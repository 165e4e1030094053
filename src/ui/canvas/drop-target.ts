/**
 * The palette and the canvas live in different subtrees; the canvas registers how to turn a
 * screen point into a new layer, and the palette's pointer drag calls it on release.
 */
type DropHandler = (type: string, clientX: number, clientY: number) => boolean;

let handler: DropHandler | null = null;

export function registerDropTarget(h: DropHandler | null): void {
  handler = h;
}

export function dropLayer(type: string, clientX: number, clientY: number): boolean {
  return handler ? handler(type, clientX, clientY) : false;
}
