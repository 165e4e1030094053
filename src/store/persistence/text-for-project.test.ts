import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import { readProject } from '../../model/project';
import { createAppStore } from '../index';
import { applyProject, persistedRefs, sameRefs, snapshotProject } from './snapshot';
import { textForProject } from './text-for-project';

describe('text settings in the project', () => {
  it('are saved with the project and come back on reopening; none saved reads as the defaults', () => {
    const store = createAppStore();
    const s = store.getState();
    s.resetGraph(buildGraph([{ type: 'Input', params: { shape: [64], dtype: 'int32' } }]));
    s.patchProjects({ currentProjectId: 'p-1', projectName: 'Austen' });
    s.setDatasetSource(
      { kind: 'file', name: 'austen.txt', size: 10, type: 'text', fileInBundle: true },
      new Blob(['x']),
    );
    const text = {
      tokenizer: 'word',
      vocabSize: 500,
      lowercase: false,
      punctuation: 'strip',
      seqLen: 40,
      truncate: 'start',
    } as const;
    s.patchDataPage({ textSettings: text });
    const saved = readProject(JSON.parse(JSON.stringify(snapshotProject(store.getState(), new Date()))));
    expect(saved.data.text).toEqual(text);
    expect(saved.dataset).toMatchObject({ type: 'text' });

    const reopened = createAppStore();
    applyProject(reopened, { project: saved, pipeline: null, weights: {}, file: null });
    expect(reopened.getState().dataPage.textSettings).toEqual(text);

    const { text: _none, ...older } = saved.data;
    const old = readProject(JSON.parse(JSON.stringify({ ...saved, data: older })));
    applyProject(reopened, { project: old, pipeline: null, weights: {}, file: null });
    expect(reopened.getState().dataPage.textSettings).toEqual({});
  });

  it('a text settings edit is a change autosave sees', () => {
    const store = createAppStore();
    const before = persistedRefs(store.getState());
    store.getState().patchDataPage({ textSettings: { seqLen: 32 } });
    expect(sameRefs(before, persistedRefs(store.getState()))).toBe(false);
  });

  it('a text column name the file cannot hold is left out, the other settings kept', () => {
    expect(textForProject({})).toBeNull();
    expect(textForProject({ tokenizer: 'bpe', textColumn: 'x'.repeat(100_000) })).toEqual({ tokenizer: 'bpe' });
  });
});
