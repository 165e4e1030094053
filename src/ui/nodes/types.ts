import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { LayerNodeComponent } from './LayerNode';
import { ShapeEdge } from './ShapeEdge';

/** At module scope, as React Flow asks: a new object per render would remount every node. */
export const nodeTypes: NodeTypes = { layer: LayerNodeComponent };
export const edgeTypes: EdgeTypes = { shape: ShapeEdge };
