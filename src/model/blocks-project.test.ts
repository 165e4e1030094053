import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { makeBlock, reuseBlock } from './block-ops';
import { buildGraph } from './build';
import { newProject, projectFromText, ProjectError } from './project';

const graph = () =>
  buildGraph([
    { type: 'Input', id: 'in', params: { shape: [8] } },
    { type: 'Dense', id: 'd1', name: 'd1', params: { units: 8 } },
    { type: 'Dense', id: 'd2', name: 'd2', params: { units: 8 } },
    { type: 'Add', id: 'add', name: 'add', from: ['d1', 'd2'] },
  ]);

describe('projects with blocks', () => {
  it('save and load keep the definitions, the instances and their recorded layer names', () => {
    const made = makeBlock(graph(), ['d2', 'add'], 'Residual');
    if (!made.ok) throw new Error(made.reason);
    const reused = reuseBlock(made.graph, made.ids[0]!, false);
    if (!reused.ok) throw new Error(reused.reason);
    const text = JSON.stringify(newProject('blocks', reused.graph));
    const loaded = projectFromText(text).graph;
    expect(loaded).toEqual(JSON.parse(JSON.stringify(reused.graph)));
    expect(Object.keys(loaded.blocks ?? {})).toHaveLength(2);
    expect(analyzeGraph(loaded).totals).toEqual(analyzeGraph(reused.graph).totals);
  });

  it('reads a project without blocks unchanged, and refuses a damaged definition naming where', () => {
    const plain = JSON.parse(JSON.stringify(newProject('plain', graph())));
    expect(projectFromText(JSON.stringify(plain)).graph.blocks).toBeUndefined();
    const made = makeBlock(graph(), ['d2', 'add']);
    if (!made.ok) throw new Error(made.reason);
    const broken = JSON.parse(JSON.stringify(newProject('broken', made.graph)));
    const key = Object.keys(broken.graph.blocks)[0]!;
    delete broken.graph.blocks[key].output;
    expect(() => projectFromText(JSON.stringify(broken))).toThrow(ProjectError);
    expect(() => projectFromText(JSON.stringify(broken))).toThrow(`graph.blocks.${key}.output`);
  });
});
