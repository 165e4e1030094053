import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { kindLabel, STAGE_KINDS_INFO } from '../../pipeline/catalog';
import { STATUS_LABEL } from '../../pipeline/status';
import type { StageKind, StageStatus } from '../../pipeline/types';

export interface StageNodeData extends Record<string, unknown> {
  readonly kind: StageKind;
  readonly name: string;
  readonly status: StageStatus;
  readonly summary: string;
  /** Notes have no status. */
  readonly showsStatus: boolean;
  /** Optimize while the target is missed, so the eye goes there. */
  readonly highlighted: boolean;
}

export type StageFlowNode = Node<StageNodeData, 'stage' | 'decision'>;

export const STATUS_ICON: Readonly<Record<StageStatus, string>> = {
  'not-started': '○',
  ready: '◉',
  running: '↻',
  done: '✓',
  failed: '✕',
  attention: '!',
};

/** Kinds some other kind may lead to: only these get an input handle. */
const TARGET_KINDS = new Set(Object.values(STAGE_KINDS_INFO).flatMap((i) => i.leadsTo));

function StatusBadge({ status }: { status: StageStatus }) {
  return (
    <span className="stage-status" data-status={status}>
      <span className="stage-status-icon" aria-hidden="true">
        {STATUS_ICON[status]}
      </span>
      {STATUS_LABEL[status]}
    </span>
  );
}

/** Render only: what the face shows arrives in `data`; edits go through the store. */
function StageNodeView({ data, selected }: NodeProps<StageFlowNode>) {
  const { kind, name, status, summary, showsStatus, highlighted } = data;
  const optimize = kind === 'optimize';
  const leads = STAGE_KINDS_INFO[kind].leadsTo.length > 0;
  const label = kindLabel(kind);
  return (
    <div
      className={`stage-node kind-${kind} status-${showsStatus ? status : 'none'}${selected ? ' is-selected' : ''}${highlighted ? ' is-highlighted' : ''}`}
    >
      {TARGET_KINDS.has(kind) && (
        <Handle type="target" id="in" position={optimize ? Position.Top : Position.Left} className="stage-handle" />
      )}
      {(kind === 'model' || kind === 'train') && (
        <Handle type="target" id="loop" position={Position.Bottom} className="stage-handle" />
      )}
      <div className="stage-node-head">
        <span className="stage-node-kind">{label}</span>
        {showsStatus && <StatusBadge status={status} />}
      </div>
      {name !== label && <div className="stage-node-name">{name}</div>}
      <div className="stage-node-summary" title={summary}>
        {summary}
      </div>
      {leads && (
        <Handle type="source" id="out" position={optimize ? Position.Left : Position.Right} className="stage-handle" />
      )}
    </div>
  );
}

/** Evaluate: a decision diamond, "yes" out to the right (Deploy), "no" out of the bottom (Optimize). */
function DecisionNodeView({ data, selected }: NodeProps<StageFlowNode>) {
  const { name, status, summary } = data;
  return (
    <div className={`decision-node status-${status}${selected ? ' is-selected' : ''}`}>
      <Handle type="target" id="in" position={Position.Left} className="stage-handle" />
      <div className="decision-shape" aria-hidden="true" />
      <div className="decision-body">
        <span className="stage-node-kind">{name}</span>
        <span className="decision-question">target met?</span>
        <StatusBadge status={status} />
      </div>
      <div className="decision-summary" title={summary}>
        {summary}
      </div>
      <Handle type="source" id="yes" position={Position.Right} className="stage-handle" />
      <Handle type="source" id="no" position={Position.Bottom} className="stage-handle" />
    </div>
  );
}

export const StageNode = memo(StageNodeView);
export const DecisionNode = memo(DecisionNodeView);
