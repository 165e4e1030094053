// Shared by the editor benchmarks: a generated 300-node graph with branches and skip connections.
import { buildGraph, type LayerDraft } from '../src/model/build';
import type { Graph } from '../src/model/graph';

/** Input → repeated residual blocks (Conv2D, BatchNorm, ReLU, Conv2D, Add) → head, `size` nodes. */
export function bigGraph(size = 300): Graph {
  const drafts: LayerDraft[] = [{ type: 'Input', params: { shape: [32, 32, 16] }, id: 'in' }];
  let last = 'in';
  let i = 0;
  while (drafts.length + 5 + 3 <= size) {
    const p = `b${i++}`;
    drafts.push(
      { type: 'Conv2D', id: `${p}c1`, from: [last], params: { filters: 16, kernel_size: [3, 3], padding: 'same' } },
      { type: 'BatchNormalization', id: `${p}bn`, from: [`${p}c1`] },
      { type: 'ReLU', id: `${p}r`, from: [`${p}bn`] },
      { type: 'Conv2D', id: `${p}c2`, from: [`${p}r`], params: { filters: 16, kernel_size: [3, 3], padding: 'same' } },
      { type: 'Add', id: `${p}add`, from: [last, `${p}c2`] },
    );
    last = `${p}add`;
  }
  drafts.push({ type: 'GlobalAveragePooling2D', id: 'gap', from: [last] });
  while (drafts.length < size - 1) drafts.push({ type: 'Dropout', params: { rate: 0.1 } });
  drafts.push({ type: 'Dense', params: { units: 10, activation: 'softmax' } });
  return buildGraph(drafts);
}
