import { useSyncExternalStore } from 'react';
import type { Point } from './auto-layout';

/**
 * The edge routes of the last auto layout. They are a view of node positions, not part of the
 * graph: an edge uses its route only while both ends still sit where the layout put them
 * (`routedPath`), so a dragged node falls back to a plain curve at once.
 */
let routes: ReadonlyMap<string, readonly Point[]> = new Map();
const listeners = new Set<() => void>();

export function setEdgeRoutes(next: ReadonlyMap<string, readonly Point[]>): void {
  routes = next;
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useEdgeRoute(id: string): readonly Point[] | undefined {
  return useSyncExternalStore(
    subscribe,
    () => routes.get(id),
    () => undefined,
  );
}

/** How far a handle may sit from the route's end (the handle hangs a few pixels outside the node). */
const SLACK = { x: 3, y: 12 };
const CORNER = 8;
/** Below the source handle (6 px) and the label's half height (9 px), with room to spare. */
const LABEL_DROP = 24;

/**
 * The route drawn from the source handle to the target handle with rounded corners, and the
 * middle of its length for the label; null when the ends moved since the layout.
 */
export function routedPath(route: readonly Point[] | undefined, source: Point, target: Point): { path: string; label: Point } | null {
  if (!route || route.length < 2) return null;
  const first = route[0]!;
  const last = route[route.length - 1]!;
  const near = (a: Point, b: Point) => Math.abs(a.x - b.x) <= SLACK.x && Math.abs(a.y - b.y) <= SLACK.y;
  if (!near(first, source) || !near(last, target)) return null;
  const pts = [{ x: first.x, y: source.y }, ...route.slice(1, -1), { x: last.x, y: target.y }];
  let path = `M ${pts[0]!.x} ${pts[0]!.y}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const [a, b, c] = [pts[i - 1]!, pts[i]!, pts[i + 1]!];
    const r = Math.min(CORNER, dist(a, b) / 2, dist(b, c) / 2);
    const p = towards(b, a, r);
    const q = towards(b, c, r);
    path += ` L ${p.x} ${p.y} Q ${b.x} ${b.y} ${q.x} ${q.y}`;
  }
  const end = pts[pts.length - 1]!;
  path += ` L ${end.x} ${end.y}`;
  // A straight edge is labelled in its middle; a detour just below its source, in the gap between
  // rows (labels of edges leaving one node then coincide, and they carry the same shape).
  const total = length(pts);
  return { path, label: along(pts, pts.length > 2 ? Math.min(LABEL_DROP, total / 2) : total / 2) };
}

const dist = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);

function towards(from: Point, to: Point, r: number): Point {
  const d = dist(from, to) || 1;
  return { x: from.x + ((to.x - from.x) * r) / d, y: from.y + ((to.y - from.y) * r) / d };
}

const length = (pts: readonly Point[]) => pts.slice(1).reduce((sum, p, i) => sum + dist(pts[i]!, p), 0);

/** The point `distance` along a polyline. */
export function along(pts: readonly Point[], distance: number): Point {
  const lengths = pts.slice(1).map((p, i) => dist(pts[i]!, p));
  let left = distance;
  for (let i = 0; i < lengths.length; i++) {
    if (left <= lengths[i]! || i === lengths.length - 1) return towards(pts[i]!, pts[i + 1]!, Math.min(left, lengths[i]!));
    left -= lengths[i]!;
  }
  return pts[0]!;
}
