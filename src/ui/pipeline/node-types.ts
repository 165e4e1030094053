import type { NodeTypes } from '@xyflow/react';
import { DecisionNode, StageNode } from './StageNode';

/** At module scope, as React Flow asks: a new object per render would remount every node. */
export const stageNodeTypes: NodeTypes = { stage: StageNode, decision: DecisionNode };
