import { Handle, Position, type NodeProps } from '@xyflow/react';
import { formatShape } from '../../model/graph';
import { actions } from '../../store/app-store';
import '../blocks.css';
import { compact, type LayerFlowNode } from './LayerNode';

/**
 * A block node's face: its name, the definition it uses (with "×N linked" when other instances
 * share it), output shape and parameter count of all its layers. Double-click or Expand opens it
 * back into its layers. One input handle, as merges have: port order is edge order.
 */
export function BlockNodeView({ data, selected }: NodeProps<LayerFlowNode>) {
  const { node, shape, params, frozen, error, block } = data;
  if (!block) return null;
  const linked = block.uses > 1;
  return (
    <div
      className={`layer-node block-node${error ? ' has-error' : ''}${selected ? ' is-selected' : ''}${frozen ? ' is-frozen' : ''}`}
      aria-label={`${node.name} (block ${block.title})`}
      data-testid={`node-${node.name}`}
      title={error ?? 'Block: double-click to expand it into its layers'}
      onDoubleClick={() => actions.expandBlock(node.id)}
    >
      <Handle type="target" position={Position.Top} className="layer-handle" />
      <div className="layer-node-head">
        <span className="layer-node-type">Block</span>
        {linked && (
          <span
            className="block-node-linked"
            data-testid="block-linked"
            title={`${block.uses} blocks share this definition: an edit changes them all; each has its own weights`}
          >
            ×{block.uses} linked
          </span>
        )}
        <span className="layer-node-name">{node.name}</span>
      </div>
      <div className="layer-node-summary">
        {block.title} · {block.layers} layers
      </div>
      <div className="layer-node-foot">
        <span className="layer-node-shape" data-testid="output-shape">
          {shape ? formatShape(shape) : '—'}
        </span>
        <span
          className="layer-node-params"
          title={params === null ? undefined : `${params.toLocaleString('en-US')} parameters`}
        >
          {params ? `${compact(params)} p` : ''}
        </span>
      </div>
      <button
        type="button"
        className="block-node-expand nodrag"
        onClick={() => actions.expandBlock(node.id)}
        title="Expand into its layers (Ctrl+Shift+G)"
      >
        Expand
      </button>
      {error && (
        <div className="layer-node-error" role="alert">
          {error}
        </div>
      )}
      <Handle type="source" position={Position.Bottom} className="layer-handle" />
    </div>
  );
}
