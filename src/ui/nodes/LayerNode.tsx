import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { LayerNode as GraphNode, Shape } from '../../model/graph';
import { formatShape } from '../../model/graph';
import type { LayerCategory } from '../../model/spec';
import { BlockNodeView } from './BlockNode';
import { categoryClass } from './category';

export interface LayerNodeData extends Record<string, unknown> {
  node: GraphNode;
  category: LayerCategory;
  summary: string;
  shape: Shape | null;
  params: number | null;
  frozen: boolean;
  error: string | null;
  /** A mismatch with the chosen dataset (not a graph error): shown in amber with its fix on the Data page. */
  warning: string | null;
  acceptsInput: boolean;
  /** Block nodes only: the definition's name, how many instances share it (linked), its layer count. */
  block?: { title: string; uses: number; layers: number };
}

export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

export const compact = (n: number) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(n >= 1e5 ? 0 : 1)}k` : String(n);

/** Render only: everything the face shows arrives in `data`; edits go through the store. */
function LayerNodeView(props: NodeProps<LayerFlowNode>) {
  if (props.data.block) return <BlockNodeView {...props} />;
  const { data, selected } = props;
  const { node, category, summary, shape, params, frozen, error, warning, acceptsInput } = data;
  return (
    <div
      className={`layer-node ${categoryClass(category)}${error ? ' has-error' : warning ? ' has-warning' : ''}${selected ? ' is-selected' : ''}${frozen ? ' is-frozen' : ''}`}
      aria-label={`${node.name} (${node.type})`}
      data-testid={`node-${node.name}`}
      title={error ?? warning ?? undefined}
    >
      {acceptsInput && <Handle type="target" position={Position.Top} className="layer-handle" />}
      <div className="layer-node-head">
        <span className="layer-node-type">{node.type}</span>
        {frozen && (
          <span className="layer-node-lock" role="img" title="Frozen: training leaves this layer's weights as they are" aria-label="frozen">
            🔒
          </span>
        )}
        <span className="layer-node-name">{node.name}</span>
      </div>
      {summary && <div className="layer-node-summary">{summary}</div>}
      <div className="layer-node-foot">
        <span className="layer-node-shape" data-testid="output-shape">
          {shape ? formatShape(shape) : '—'}
        </span>
        <span className="layer-node-params" title={params === null ? undefined : `${params.toLocaleString('en-US')} parameters${frozen ? ', frozen' : ''}`}>
          {params ? `${compact(params)} p` : ''}
        </span>
      </div>
      {error && (
        <div className="layer-node-error" role="alert">
          {error}
        </div>
      )}
      {!error && warning && (
        <div className="layer-node-warning" role="status">
          {warning}
        </div>
      )}
      <Handle type="source" position={Position.Bottom} className="layer-handle" />
    </div>
  );
}

export const LayerNodeComponent = memo(LayerNodeView);
