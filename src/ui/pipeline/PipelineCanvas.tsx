import {
  Background,
  Controls,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type NodeMouseHandler,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { connectionProblem, stageById } from '../../pipeline/model';
import type { StageView } from '../../pipeline/status';
import type { Position } from '../../pipeline/types';
import { appStore, useAppStore } from '../../store/app-store';
import { isOver, registerDropTarget } from '../canvas/drop-target';
import { useTheme } from '../theme';
import { toStageFlowEdges, toStageFlowNodes } from './flow-elements';
import { openStage } from './navigate';
import { stageNodeTypes } from './node-types';
import type { StageFlowNode } from './StageNode';

const isValidConnection: IsValidConnection = (c) =>
  connectionProblem(appStore.getState().pipeline, c.source, c.target) === null;

/**
 * The pipeline flowchart. The store owns the pipeline; React Flow gets a local copy of the nodes
 * so drags stay smooth and its measurements survive, and a finished drag is one undo step.
 */
export function PipelineCanvas({ views }: { views: Readonly<Record<string, StageView>> }) {
  const pipeline = useAppStore((s) => s.pipeline);
  const selectedStageId = useAppStore((s) => s.selectedStageId);
  const selectedEdgeId = useAppStore((s) => s.selectedPipelineEdgeId);
  const { theme } = useTheme();
  const flow = useReactFlow();
  const [nodes, setNodes] = useState<StageFlowNode[]>([]);
  const wrapper = useRef<HTMLDivElement>(null);

  // Re-derive React Flow's copy during render when the store moved on (React's pattern for
  // state that follows props), keeping measurements from the previous copy.
  const [derivedFrom, setDerivedFrom] = useState<unknown[]>([]);
  if (derivedFrom[0] !== pipeline || derivedFrom[1] !== views || derivedFrom[2] !== selectedStageId) {
    setDerivedFrom([pipeline, views, selectedStageId]);
    setNodes((prev) => toStageFlowNodes(pipeline, views, selectedStageId, prev));
  }
  const edges = useMemo(() => toStageFlowEdges(pipeline, selectedEdgeId), [pipeline, selectedEdgeId]);

  const onNodesChange = useCallback((changes: NodeChange<StageFlowNode>[]) => {
    setNodes((prev) => {
      const next = applyNodeChanges(changes, prev);
      const finished = new Set(
        changes.filter((c) => c.type === 'position' && c.dragging === false).map((c) => (c as { id: string }).id),
      );
      if (finished.size > 0) {
        const moved = new Map<string, Position>();
        for (const n of next)
          if (finished.has(n.id)) moved.set(n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) });
        queueMicrotask(() => appStore.getState().movePipelineStages(moved));
      }
      const selected = changes.filter((c) => c.type === 'select');
      if (selected.length > 0) {
        const id = next.find((n) => n.selected)?.id ?? null;
        queueMicrotask(() => appStore.getState().selectStage(id));
      }
      return next;
    });
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const s = appStore.getState();
    for (const c of changes) {
      if (c.type !== 'select') continue;
      if (c.selected) s.selectPipelineEdge(c.id);
      else if (s.selectedPipelineEdgeId === c.id) s.selectPipelineEdge(null);
    }
  }, []);

  const onConnect = useCallback((c: Connection) => {
    if (c.source && c.target) appStore.getState().connectPipelineStages(c.source, c.target);
  }, []);

  const onNodeDoubleClick: NodeMouseHandler<StageFlowNode> = useCallback((_e, node) => {
    const stage = stageById(appStore.getState().pipeline, node.id);
    if (stage) openStage(stage);
  }, []);

  // The stage palette's pointer drag (usePaletteDrag) drops here.
  useEffect(
    () =>
      registerDropTarget('stage', (kind, clientX, clientY) => {
        if (!isOver(wrapper.current, clientX, clientY)) return false;
        const p = flow.screenToFlowPosition({ x: clientX, y: clientY });
        appStore.getState().addPipelineStage(kind, { x: Math.round(p.x - 90), y: Math.round(p.y - 30) });
        return true;
      }),
    [flow],
  );

  return (
    <div className="pipeline-canvas" data-testid="pipeline-canvas" ref={wrapper}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={stageNodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeDoubleClick={onNodeDoubleClick}
        onPaneClick={() => {
          appStore.getState().selectStage(null);
          appStore.getState().selectPipelineEdge(null);
        }}
        deleteKeyCode={null}
        multiSelectionKeyCode={null}
        selectionKeyCode={null}
        zoomOnDoubleClick={false}
        colorMode={theme}
        minZoom={0.2}
        maxZoom={2}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        proOptions={{ hideAttribution: true }}
        aria-label="Pipeline flowchart"
      >
        <Background gap={20} />
        <Controls />
      </ReactFlow>
    </div>
  );
}
