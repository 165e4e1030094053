import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { moveNodes } from '../../model/graph-ops';
import { appStore, useAppStore } from '../../store/app-store';
import type { LayerFlowNode } from '../nodes/LayerNode';
import { layoutGraph, type Size } from './auto-layout';
import { setEdgeRoutes } from './edge-routes';

/**
 * A graph opened or loaded from a template is laid out before anything is on screen, with guessed
 * node sizes. Once React Flow has measured the real nodes (a node showing an error is taller),
 * the canvas lays it out again with those sizes, so nothing overlaps and the edge routes fit.
 */
let pending = false;

export function requestMeasuredLayout(): void {
  pending = true;
}

export function isMeasuredLayoutPending(): boolean {
  return pending;
}

export function measuredSizes(nodes: readonly LayerFlowNode[]): Map<string, Size> {
  const sizes = new Map<string, Size>();
  for (const n of nodes) if (n.measured?.width && n.measured.height) sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
  return sizes;
}

export function useMeasuredLayout(): void {
  const flow = useReactFlow<LayerFlowNode>();
  const measured = useNodesInitialized();
  const graph = useAppStore((s) => s.graph);
  useEffect(() => {
    if (pending && graph.nodes.length === 0) pending = false; // nothing to measure, and Fit view must not wait for it
    if (!pending || !measured) return;
    const sizes = measuredSizes(flow.getNodes());
    if (graph.nodes.some((n) => !sizes.has(n.id))) return; // the new nodes are not on screen yet
    pending = false;
    void layoutGraph(graph, sizes).then(({ positions, routes }) => {
      const s = appStore.getState();
      if (s.graph !== graph) return; // edited meanwhile: keep the user's graph
      // The load itself was the undo step; laying it out again is not another one.
      s.setGraph(moveNodes(graph, positions), 'none');
      setEdgeRoutes(routes);
      s.requestFit();
    });
  }, [measured, graph, flow]);
}
