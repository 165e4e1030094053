import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';

export type ShapeFlowEdge = Edge<{ label: string }, 'shape'>;

/** An edge labelled with the tensor shape it carries. */
function ShapeEdgeView(props: EdgeProps<ShapeFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const label = props.data?.label;
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} className={props.selected ? 'edge-selected' : undefined} />
      {label && (
        <EdgeLabelRenderer>
          <div
            className="edge-shape-label nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeView);
