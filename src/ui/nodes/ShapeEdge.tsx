import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { routedPath, useEdgeRoute } from '../canvas/edge-routes';

export type ShapeFlowEdge = Edge<{ label: string }, 'shape'>;

/** An edge labelled with the tensor shape it carries: along its auto-layout route while that still fits, else a curve. */
function ShapeEdgeView(props: EdgeProps<ShapeFlowEdge>) {
  const route = useEdgeRoute(props.id);
  const routed = routedPath(route, { x: props.sourceX, y: props.sourceY }, { x: props.targetX, y: props.targetY });
  const [curve, curveX, curveY] = getBezierPath(props);
  const path = routed?.path ?? curve;
  const labelX = routed?.label.x ?? curveX;
  const labelY = routed?.label.y ?? curveY;
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
