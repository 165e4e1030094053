import { MarkerType, type Edge as FlowEdge } from '@xyflow/react';
import { kindLabel } from '../../pipeline/catalog';
import { stageById } from '../../pipeline/model';
import { showsStatus, STATUS_LABEL, type StageView } from '../../pipeline/status';
import type { Pipeline, Stage } from '../../pipeline/types';
import type { StageFlowNode, StageNodeData } from './StageNode';

const sameData = (a: StageNodeData, b: StageNodeData) =>
  a.kind === b.kind &&
  a.name === b.name &&
  a.status === b.status &&
  a.summary === b.summary &&
  a.showsStatus === b.showsStatus &&
  a.highlighted === b.highlighted;

/** What a screen reader says for a stage: name, kind, status and the summary line. */
export function stageAriaLabel(stage: Stage, v: StageView): string {
  if (!showsStatus(stage)) return `${stage.name}, note: ${v.summary}`;
  return `${stage.name}, ${kindLabel(stage.kind)} stage, ${STATUS_LABEL[v.status]}: ${v.summary}`;
}

/**
 * Pipeline + views → React Flow nodes, keeping each node's previous object (and React Flow's
 * measurements) when nothing it shows changed, so memoised nodes skip re-rendering.
 */
export function toStageFlowNodes(
  p: Pipeline,
  views: Readonly<Record<string, StageView>>,
  selectedId: string | null,
  previous: readonly StageFlowNode[],
): StageFlowNode[] {
  const prevById = new Map(previous.map((n) => [n.id, n]));
  return p.stages.map((stage) => {
    const v = views[stage.id] ?? { status: 'not-started', summary: '' };
    const fresh: StageNodeData = {
      kind: stage.kind,
      name: stage.name,
      status: v.status,
      summary: v.summary,
      showsStatus: showsStatus(stage),
      highlighted: stage.kind === 'optimize' && v.status === 'attention',
    };
    const prev = prevById.get(stage.id);
    const data = prev && sameData(prev.data, fresh) ? prev.data : fresh;
    const selected = stage.id === selectedId;
    const ariaLabel = stageAriaLabel(stage, v);
    if (
      prev &&
      prev.data === data &&
      prev.position === stage.position &&
      prev.selected === selected &&
      prev.ariaLabel === ariaLabel
    )
      return prev;
    return {
      ...prev,
      id: stage.id,
      type: stage.kind === 'evaluate' ? 'decision' : 'stage',
      position: stage.position,
      data,
      selected,
      ariaLabel,
      // Stage editors are forms in the side panel; a stage face holds no inputs, so drag from anywhere.
      deletable: false,
    };
  });
}

/** Edges with Yes/No labels out of Evaluate and dashed loop-backs out of Optimize. */
export function toStageFlowEdges(p: Pipeline, selectedEdgeId: string | null): FlowEdge[] {
  return p.edges.map((e) => {
    const s = stageById(p, e.source);
    const t = stageById(p, e.target);
    const fromEvaluate = s?.kind === 'evaluate';
    const loop = s?.kind === 'optimize';
    const branch = fromEvaluate ? (t?.kind === 'deploy' ? 'yes' : 'no') : null;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: branch ?? 'out',
      targetHandle: loop ? 'loop' : 'in',
      type: loop ? 'smoothstep' : 'default',
      label: branch === 'yes' ? 'Yes' : branch === 'no' ? 'No' : undefined,
      className: `pipeline-edge${branch ? ` edge-${branch}` : ''}${loop ? ' edge-loop' : ''}`,
      selected: e.id === selectedEdgeId,
      deletable: false,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      ariaLabel: `${s?.name ?? e.source} to ${t?.name ?? e.target}${branch ? ` (${branch})` : loop ? ' (loop back)' : ''}`,
    } satisfies FlowEdge;
  });
}
