import { describe, expect, it } from 'vitest';
import { templateGraph } from '../../model/templates';
import { DEFAULT_NODE_SIZE, layoutGraph, type Point } from './auto-layout';
import { routedPath } from './edge-routes';

const { width: W, height: H } = DEFAULT_NODE_SIZE;

describe('layoutGraph', () => {
  it('lays a chain out as one column, top to bottom', async () => {
    const graph = templateGraph('mnist-cnn');
    const { positions } = await layoutGraph(graph);
    const xs = graph.nodes.map((n) => positions.get(n.id)!.x);
    const ys = graph.nodes.map((n) => positions.get(n.id)!.y);
    expect(new Set(xs).size).toBe(1);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(H + 40);
  });

  it('puts branches side by side and routes every edge clear of the other nodes', async () => {
    for (const id of ['resnet-block', 'two-input']) {
      const graph = templateGraph(id);
      const { positions, routes } = await layoutGraph(graph);
      expect(routes.size).toBe(graph.edges.length);
      if (id === 'two-input') {
        const [a, b] = ['a', 'b'].map((n) => positions.get(graph.nodes.find((x) => x.id === n || x.name === (n === 'a' ? 'customer' : 'product'))!.id)!);
        expect(a!.y).toBe(b!.y);
        expect(Math.abs(a!.x - b!.x)).toBeGreaterThanOrEqual(W);
      }
      for (const e of graph.edges) {
        const others = graph.nodes.filter((n) => n.id !== e.source && n.id !== e.target).map((n) => positions.get(n.id)!);
        const pts = routes.get(e.id)!;
        for (let i = 1; i < pts.length; i++)
          for (const o of others) expect(segmentHitsBox(pts[i - 1]!, pts[i]!, o), `${id}: ${e.id}`).toBe(false);
      }
    }
  });
});

describe('routedPath', () => {
  const route: Point[] = [
    { x: 100, y: 92 },
    { x: 100, y: 112 },
    { x: 220, y: 112 },
    { x: 220, y: 300 },
    { x: 100, y: 300 },
    { x: 100, y: 320 },
  ];

  it('follows the route from handle to handle while both ends sit where the layout put them', () => {
    const r = routedPath(route, { x: 100, y: 97 }, { x: 100, y: 315 });
    expect(r?.path.startsWith('M 100 97')).toBe(true);
    expect(r?.path.endsWith('L 100 315')).toBe(true);
  });

  it('gives up (a plain curve is drawn) once a node was moved', () => {
    expect(routedPath(route, { x: 140, y: 97 }, { x: 100, y: 315 })).toBeNull();
    expect(routedPath(route, { x: 100, y: 97 }, { x: 100, y: 400 })).toBeNull();
    expect(routedPath(undefined, { x: 100, y: 97 }, { x: 100, y: 315 })).toBeNull();
  });
});

/** Whether an axis-parallel segment passes through the inside of a node box at `p`. */
function segmentHitsBox(a: Point, b: Point, p: { x: number; y: number }): boolean {
  const [x0, x1] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y0, y1] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return x1 > p.x && x0 < p.x + W && y1 > p.y && y0 < p.y + H;
}
