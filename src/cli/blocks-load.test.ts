import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBlock } from '../model/block-ops';
import { buildGraph } from '../model/build';
import { newProject } from '../model/project';
import { loadModelFile } from './load';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerloom-blocks-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const made = () => {
  const g = buildGraph([
    { type: 'Input', id: 'in', params: { shape: [4] } },
    { type: 'Dense', id: 'a', name: 'a', params: { units: 3 } },
    { type: 'Dense', id: 'b', name: 'b', params: { units: 2 } },
  ]);
  const r = makeBlock(g, ['a', 'b'], 'pair');
  if (!r.ok) throw new Error(r.reason);
  return r.graph;
};

describe('the CLI reading a project with blocks', () => {
  it('gets its layers, flattened, under the names the block recorded', async () => {
    const path = join(dir, 'blocks.layerloom.json');
    await writeFile(path, JSON.stringify(newProject('blocks', made())));
    const loaded = await loadModelFile(path);
    expect(loaded.graph.nodes.map((n) => [n.type, n.name])).toEqual([
      ['Input', 'input'],
      ['Dense', 'a'],
      ['Dense', 'b'],
    ]);
  });

  it('refuses a block whose definition is missing, naming the file and the block', async () => {
    const path = join(dir, 'broken.layerloom.json');
    const { blocks: _gone, ...orphan } = made();
    await writeFile(path, JSON.stringify(newProject('broken', orphan)));
    await expect(loadModelFile(path)).rejects.toThrow(/broken\.layerloom\.json: Block 'pair' names a block definition/);
  });
});
