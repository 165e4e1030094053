// Shape inference + validation per edit on a generated 300-node graph (target ≤ 5 ms).
import { mkdirSync, writeFileSync } from 'node:fs';
import { analyzeGraph } from '../src/model/analyze';
import { setParams } from '../src/model/graph-ops';
import { bigGraph } from './big-graph';

const graph = bigGraph(300);
const first = analyzeGraph(graph);
if (first.errors.length > 0) throw new Error(`generated graph is invalid: ${first.errors[0]!.message}`);

const convs = graph.nodes.filter((n) => n.type === 'Conv2D');
for (let i = 0; i < 50; i++) analyzeGraph(graph); // warm-up: let the JIT settle

const times: number[] = [];
let g = graph;
for (let i = 0; i < 400; i++) {
  const node = convs[i % convs.length]!;
  g = setParams(g, node.id, { kernel_size: i % 2 ? [5, 5] : [3, 3] });
  const t = performance.now();
  const a = analyzeGraph(g);
  times.push(performance.now() - t);
  if (a.errors.length > 0) throw new Error(a.errors[0]!.message);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
const result = {
  nodes: graph.nodes.length,
  edges: graph.edges.length,
  edits: times.length,
  median_ms: +pct(50).toFixed(3),
  p95_ms: +pct(95).toFixed(3),
  max_ms: +times.at(-1)!.toFixed(3),
  target_ms: 5,
};
console.log(`graph: ${result.nodes} nodes, ${result.edges} edges; ${result.edits} edits`);
console.log(`analyze per edit: median ${result.median_ms} ms, p95 ${result.p95_ms} ms, max ${result.max_ms} ms`);
console.log(`ratio p95 / target: ${(result.p95_ms / result.target_ms).toFixed(2)} (≤ 1 meets the 5 ms target)`);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/graph-analysis.json', JSON.stringify(result, null, 2));
