import { describe, expect, it } from 'vitest';
import { buildGraph } from './build';
import { MAX_PROJECT_BYTES, newProject, projectFromText, ProjectError } from './project';

const graph = buildGraph([{ type: 'Input', params: { shape: [4] } }, { type: 'Dense', params: { units: 2 } }]);
const valid = () => newProject('Iris MLP', graph, new Date('2026-01-01T00:00:00Z'));

describe('project files', () => {
  it('round-trips through JSON', () => {
    const text = JSON.stringify(valid());
    expect(projectFromText(text)).toEqual(valid());
  });

  it('names the bad field', () => {
    const p = valid() as unknown as { graph: { nodes: { params: Record<string, unknown> }[] } };
    p.graph.nodes[1]!.params.units = { evil: true };
    expect(() => projectFromText(JSON.stringify(p))).toThrow(/invalid at "graph\.nodes\[1\]\.params\.units"/);
  });

  it('says when a file comes from a newer version', () => {
    const text = JSON.stringify({ ...valid(), version: 99 });
    expect(() => projectFromText(text)).toThrow(/newer Layerloom \(file version 99; this app reads up to 1\)/);
  });

  it('rejects prototype-pollution payloads', () => {
    const text = JSON.stringify(valid()).replace('"params":{', '"params":{"__proto__":{"polluted":true},');
    expect(() => projectFromText(text)).toThrow(ProjectError);
    expect(() => projectFromText(text)).toThrow(/forbidden key "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses files over the size limit before parsing', () => {
    expect(() => projectFromText('{}', MAX_PROJECT_BYTES + 1)).toThrow(/limit is 64 MB/);
  });

  it('explains non-projects and broken JSON', () => {
    expect(() => projectFromText('{"format":"other"}')).toThrow(/not a Layerloom project/);
    expect(() => projectFromText('{"format":')).toThrow(/not valid JSON/);
  });
});
