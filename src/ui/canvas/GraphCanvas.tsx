import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Position } from '../../model/graph';
import { actions, appStore, useAppStore } from '../../store/app-store';
import type { LayerFlowNode } from '../nodes/LayerNode';
import { categoryClass } from '../nodes/category';
import { edgeTypes, nodeTypes } from '../nodes/types';
import { bindingProblemsFor } from '../../store/bind-dataset';
import { withGanErrors } from '../gan/gan-analysis';
import { useTheme } from '../theme';
import { BlockBar } from './BlockBar';
import { isOver, registerDropTarget } from './drop-target';
import { fitReadable, MINIMAP } from './fit-view';
import { isMeasuredLayoutPending, useMeasuredLayout } from './use-measured-layout';
import { toFlowEdges, toFlowNodes } from './flow-elements';
import { useCanvasShortcuts } from './use-canvas-shortcuts';

/** Window width (px) from which the minimap shows by default: below it, the canvas is too narrow to spare the room. */
const MINIMAP_MIN_WINDOW = 1200;

/**
 * The layer graph canvas. The store owns the graph; React Flow gets a local copy of the nodes so
 * drags stay smooth and its measurements survive, and a finished drag is committed as one step.
 */
export function GraphCanvas() {
  const graph = useAppStore((s) => s.graph);
  const ownAnalysis = useAppStore((s) => s.analysis);
  const gan = useAppStore((s) => s.gan);
  // A GAN's cross-graph errors show on their nodes too.
  const analysis = useMemo(() => withGanErrors(graph, ownAnalysis, gan), [graph, ownAnalysis, gan]);
  const selection = useAppStore((s) => s.selection);
  const fitRequest = useAppStore((s) => s.fitRequest);
  const { theme } = useTheme();
  const flow = useReactFlow<LayerFlowNode>();
  const [nodes, setNodes] = useState<LayerFlowNode[]>([]);
  const edgeSelection = useAppStore((s) => s.edgeSelection);
  const wrapper = useRef<HTMLDivElement>(null);

  // Re-derive React Flow's copy during render when the store moved on (React's pattern for
  // state that follows props), keeping measurements from the previous copy.
  const dataset = useAppStore((s) => s.dataset);
  const [derivedFrom, setDerivedFrom] = useState<unknown[]>([]);
  if (derivedFrom[0] !== graph || derivedFrom[1] !== analysis || derivedFrom[2] !== selection || derivedFrom[3] !== dataset) {
    setDerivedFrom([graph, analysis, selection, dataset]);
    const warnings = new Map(dataset && !gan ? bindingProblemsFor(graph, dataset).map((p) => [p.nodeId, p.message] as const) : []);
    setNodes((prev) => toFlowNodes(graph, analysis, new Set(selection), prev, warnings));
  }
  const edges = useMemo(() => toFlowEdges(graph, analysis, new Set(edgeSelection)), [graph, analysis, edgeSelection]);

  // The minimap starts hidden on a narrow canvas, where it would cover the nodes.
  const [minimap, setMinimap] = useState(() => window.innerWidth >= MINIMAP_MIN_WINDOW);
  const minimapRef = useRef(minimap);
  useEffect(() => {
    minimapRef.current = minimap;
  }, [minimap]);
  useMeasuredLayout();

  useEffect(() => {
    if (fitRequest === 0 || isMeasuredLayoutPending()) return; // the measured layout fits when done
    // Wait a frame so freshly loaded nodes are measured before fitting.
    const id = requestAnimationFrame(() => fitReadable(flow, wrapper.current, minimapRef.current));
    return () => cancelAnimationFrame(id);
  }, [fitRequest, flow]);

  useEffect(
    () =>
      registerDropTarget('layer', (type, clientX, clientY) => {
        if (!isOver(wrapper.current, clientX, clientY)) return false;
        const p = flow.screenToFlowPosition({ x: clientX, y: clientY });
        actions.addLayerAt(type, { x: Math.round(p.x - 90), y: Math.round(p.y - 30) });
        return true;
      }),
    [flow],
  );

  const onNodesChange = useCallback((changes: NodeChange<LayerFlowNode>[]) => {
    setNodes((prev) => {
      const next = applyNodeChanges(changes, prev);
      const finished = changes.filter((c) => c.type === 'position' && c.dragging === false).map((c) => (c as { id: string }).id);
      if (finished.length > 0) {
        const moved = new Map<string, Position>();
        for (const n of next) if (finished.includes(n.id)) moved.set(n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) });
        queueMicrotask(() => actions.moveTo(moved));
      }
      if (changes.some((c) => c.type === 'select')) {
        const ids = next.filter((n) => n.selected).map((n) => n.id);
        queueMicrotask(() => appStore.getState().select(ids));
      }
      return next;
    });
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const s = appStore.getState();
    const next = new Set(s.edgeSelection);
    for (const c of changes) {
      if (c.type !== 'select') continue;
      if (c.selected) next.add(c.id);
      else next.delete(c.id);
    }
    s.selectEdges([...next]);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    if (c.source && c.target) actions.connectNodes(c.source, c.target);
  }, []);

  useCanvasShortcuts();

  return (
    <div className="graph-canvas" ref={wrapper} tabIndex={-1} data-testid="graph-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        colorMode={theme}
        minZoom={0.1}
        maxZoom={2}
        panOnScroll
        zoomActivationKeyCode={['Meta', 'Control']}
        defaultViewport={{ x: 40, y: 40, zoom: 1 }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <BlockBar />
        <Controls showFitView={false}>
          <ControlButton onClick={() => appStore.getState().requestFit()} aria-label="Fit the graph in view" title="Fit view">
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" fill="none" stroke="currentColor" strokeWidth="1.5" />
            </svg>
          </ControlButton>
          <ControlButton onClick={() => setMinimap((m) => !m)} aria-label={minimap ? 'Hide minimap' : 'Show minimap'} title={minimap ? 'Hide minimap' : 'Show minimap'}>
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <rect x="1.5" y="3.5" width="13" height="9" rx="1.5" fill="none" stroke="currentColor" />
              <rect x="8" y="7" width="5" height="4" fill="currentColor" />
            </svg>
          </ControlButton>
        </Controls>
        {minimap && (
          <MiniMap
            pannable
            zoomable
            nodeStrokeWidth={3}
            nodeClassName={(n) => categoryClass((n as LayerFlowNode).data.category)}
            nodeColor="var(--cat, #64748b)"
            style={{ width: MINIMAP.width, height: MINIMAP.height }}
          />
        )}
      </ReactFlow>
    </div>
  );
}
