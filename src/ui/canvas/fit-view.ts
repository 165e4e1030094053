import type { ReactFlowInstance } from '@xyflow/react';
import type { LayerFlowNode } from '../nodes/LayerNode';

/** Below this, node text is too small to read: fit view stops here and the user pans (scroll) instead. */
export const READABLE_ZOOM = 0.8;
const MAX_FIT_ZOOM = 1.2;
/** Room around the graph; on the left it also clears the zoom buttons. */
const PAD = 48;
/** The minimap's size on screen, and its margin from the canvas corner. */
export const MINIMAP = { width: 140, height: 100, margin: 15 };

/**
 * Fits the graph at a readable zoom. A graph too tall for the canvas at that zoom starts at its
 * top (the Input) rather than its middle; with the minimap showing, the graph stays left of it.
 */
export function fitReadable(flow: ReactFlowInstance<LayerFlowNode>, canvas: HTMLElement | null, minimapShown: boolean): void {
  const nodes = flow.getNodes();
  const rect = canvas?.getBoundingClientRect();
  if (nodes.length === 0 || !rect || rect.width === 0) return;
  const bounds = flow.getNodesBounds(nodes);
  const right = minimapShown ? MINIMAP.width + MINIMAP.margin + 12 : PAD;
  const width = Math.max(1, rect.width - PAD - right);
  const height = Math.max(1, rect.height - 2 * PAD);
  const fit = Math.min(width / Math.max(1, bounds.width), height / Math.max(1, bounds.height), MAX_FIT_ZOOM);
  const zoom = Math.max(READABLE_ZOOM, fit);
  const w = bounds.width * zoom;
  const h = bounds.height * zoom;
  const x = (w <= width ? PAD + (width - w) / 2 : PAD) - bounds.x * zoom;
  const y = (h <= height ? PAD + (height - h) / 2 : PAD) - bounds.y * zoom;
  void flow.setViewport({ x, y, zoom }, { duration: 200 });
}
