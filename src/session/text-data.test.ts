import { describe, expect, it } from 'vitest';
import type { ColumnSchema, TabularSchema } from '../data/columns';
import type { PreparedDataset } from '../data/types';
import { buildGraph } from '../model/build';
import { createAppStore } from '../store/index';
import type { CsvSettings, DataResult, SchemaView, TextPreview } from '../worker/data-protocol';
import type { DataWorker } from './clients';
import { fakeClients } from './fake-clients';
import { createSession } from './index';
import { leftOutOfText, textChoice, textColumns, usesText, useTextByDefault, type TableFacts } from './text-data';
import { restoreDataset } from './data-restore';

type Command = Parameters<DataWorker['run']>[0];

// Inference sets free text aside (role 'ignore'): "Use as text" is what brings it back.
const column = (
  name: string,
  type: ColumnSchema['type'],
  role: ColumnSchema['role'] = type === 'text' ? 'ignore' : 'feature',
) => ({ name, type, role, present: 40 }) as ColumnSchema;

function facts(
  columns: ColumnSchema[],
  label: string | null,
  task: TabularSchema['task'],
  extra: Partial<TableFacts> = {},
): TableFacts {
  return { schema: { columns, label, task }, ...extra };
}

describe('"Use as text"', () => {
  const columns = [column('review', 'text'), column('stars', 'numeric'), column('label', 'categorical', 'label')];
  const reviews = facts(columns, 'label', 'binary');

  it('is on by default for a categorical label and exactly one free-text column', () => {
    expect(useTextByDefault(reviews)).toBe(true);
    expect(useTextByDefault(facts(columns, 'stars', 'regression'))).toBe(false);
    const two = facts([...columns, column('title', 'text')], 'label', 'binary');
    expect(useTextByDefault(two)).toBe(false);
    // Two text columns: off by default, but the user may turn it on and gets the first (or the chosen) one.
    expect(textChoice(two, { useText: true })?.textColumn).toBe('review');
    expect(textChoice(two, { useText: true, textColumn: 'title' })?.textColumn).toBe('title');
  });

  it('an identifier typed text (no spaces in its cells) is no text column; a column the user ignored neither', () => {
    const preview = {
      header: ['review', 'stars', 'label'],
      rows: [
        ['A-0017', '3', 'x'],
        ['B-0442', '4', 'y'],
        ['', '1', 'x'],
      ],
    };
    expect(textColumns(facts(columns, 'label', 'binary', { preview }))).toEqual([]);
    const words = {
      ...preview,
      rows: [
        ['a fine film', '3', 'x'],
        ['dull', '4', 'y'],
      ],
    };
    expect(textColumns(facts(columns, 'label', 'binary', { preview: words }))).toEqual(['review']);
    expect(textColumns(facts(columns, 'label', 'binary', { columns: { review: { role: 'ignore' } } }))).toEqual([]);
    // A column of single words (a built-in's "which language is this word") counts once it is named.
    const single = {
      ...preview,
      rows: [
        ['maison', '3', 'fr'],
        ['house', '4', 'en'],
      ],
    };
    expect(textChoice(facts(columns, 'label', 'binary', { preview: single }), { useText: true })).toBeNull();
    expect(
      textChoice(facts(columns, 'label', 'binary', { preview: single }), { useText: true, textColumn: 'review' })
        ?.textColumn,
    ).toBe('review');
  });

  it('follows the user, never without a text column or a label', () => {
    expect(usesText(reviews, { useText: false })).toBe(false);
    expect(usesText(facts([column('a', 'numeric')], 'label', 'binary'), { useText: true })).toBe(false);
    expect(usesText(facts(columns, null, null), { useText: true })).toBe(false);
  });

  it('gives way to a table with several Inputs once a column has the text or id role', () => {
    expect(usesText(reviews, { useText: true })).toBe(true);
    expect(usesText(facts(columns, 'label', 'binary', { columns: { review: { role: 'text' } } }), { useText: true })).toBe(false);
    expect(usesText(facts([...columns, column('user', 'categorical', 'id')], 'label', 'binary'), {})).toBe(false);
  });

  it('names the feature columns a text model leaves out', () => {
    expect(leftOutOfText(reviews, 'review')).toEqual(['stars']);
  });
});

function textDataset(seqLen: number, vocab: number, task: PreparedDataset['task'] = 'binary'): PreparedDataset {
  const split = (n: number) => ({ n, x: new Float32Array(n * seqLen), y: new Float32Array(n) });
  const tokens = Array.from({ length: vocab }, (_, i) => `t${i}`);
  return {
    id: 'text',
    name: 'text',
    kind: 'text',
    task,
    inputShape: [seqLen],
    classNames: task === 'next-token' ? tokens : ['neg', 'pos'],
    train: split(4),
    validation: split(2),
    test: split(2),
    transform: {
      kind: 'text',
      version: 1,
      tokenizer: { kind: 'char', vocab: tokens, padId: 0, unkId: 1 },
      seqLen,
      truncate: 'end',
      textColumn: null,
      task,
      label: null,
    } as never,
  };
}

const preview = { source: 'corpus', classes: null } as unknown as TextPreview;
let fakeFailure = false;

function fakeWorker(answer: (command: Command) => DataResult | Error) {
  const commands: Command[] = [];
  const worker: DataWorker = {
    async run(command) {
      commands.push(command);
      const a = answer(command);
      if (a instanceof Error) throw a;
      return a;
    },
    cancel() {},
  };
  return { worker, commands };
}

function setup(answer: (command: Command) => DataResult | Error) {
  const data = fakeWorker(answer);
  const store = createAppStore();
  store
    .getState()
    .resetGraph(
      buildGraph([
        { type: 'Input', params: { shape: [4] } },
        { type: 'Embedding', params: { input_dim: 10, output_dim: 8 } },
        { type: 'GlobalAveragePooling1D' },
        { type: 'Dense', params: { units: 1, activation: 'sigmoid' } },
      ]),
    );
  const session = createSession(store, { ...fakeClients(), dataWorker: async () => data.worker });
  return { store, session, commands: data.commands };
}

describe('the data session with text', () => {
  it('a .txt file is prepared in the worker, recorded as text and bound: Input [seqLen] of int32', async () => {
    const dataset = textDataset(64, 40, 'next-token');
    const { store, session, commands } = setup(() => ({ kind: 'text', dataset, preview, problems: [], skipped: [] }));
    const file = new Blob(['hello']);
    await session.data.loadTextFile(file, 'austen.txt');
    expect(commands.map((c) => c.type)).toEqual(['load-text']);
    const s = store.getState();
    expect(s.datasetRef).toMatchObject({ kind: 'file', type: 'text', name: 'austen.txt', fileInBundle: true });
    expect(s.datasetFile).toBe(file);
    expect(s.dataPage.source).toBe('text');
    expect(s.dataPage.text).toBe(preview);
    const input = s.graph.nodes.find((n) => n.type === 'Input')!;
    expect(input.params).toMatchObject({ shape: [64], dtype: 'int32' });
    // The Embedding's 10 ids are fewer than the 40 tokens: pinned to it, and one click sizes it.
    const embedding = s.graph.nodes.find((n) => n.type === 'Embedding')!;
    expect(s.bindingProblems.find((p) => p.nodeId === embedding.id)?.message).toMatch(
      /input_dim\) is 10, fewer than the tokenizer's 40 tokens/,
    );
  });

  it('a text edit re-prepares what is loaded: the text itself, or the table with its text column', async () => {
    const dataset = textDataset(8, 40);
    const view: SchemaView = {
      schema: {
        columns: [column('review', 'text'), column('label', 'categorical', 'label')],
        label: 'label',
        task: 'binary',
      } as unknown as SchemaView['schema'],
      classBalance: null,
      histograms: {},
    };
    const { store, session, commands } = setup((c) =>
      fakeFailure && c.type === 'prepare-csv'
        ? Object.assign(new Error('x'), { problem: { severity: 'error', code: 'bad-option', message: 'too small' } })
        : c.type === 'parse-csv'
          ? {
              kind: 'csv',
              view: { header: ['review', 'label'], rows: [['a fine film', 'pos']] } as never,
              schema: view,
              settings: { columns: {} } as CsvSettings,
            }
          : { kind: 'text', dataset, preview, problems: [], skipped: [] },
    );
    await session.data.loadCsvFile(new Blob(['x']), 'reviews.csv');
    await session.data.prepareCsv();
    const prepare = commands[1] as Extract<Command, { type: 'prepare-csv' }>;
    expect(prepare.text).toEqual({ textColumn: 'review' });
    expect(prepare.settings.label).toBe('label');
    await session.data.editText({ tokenizer: 'char' });
    expect(commands[2]).toMatchObject({ type: 'prepare-csv', text: { tokenizer: 'char', textColumn: 'review' } });
    expect(store.getState().dataPage.textSettings).toEqual({ tokenizer: 'char' });
    expect(store.getState().dataset).toBe(dataset);
    // A refused edit of a table used as text leaves no dataset from the old settings.
    const failing = fakeFailure;
    fakeFailure = true;
    await session.data.editText({ tokenizer: 'char', vocabSize: 2 });
    expect(store.getState().dataset).toBeNull();
    fakeFailure = failing;
    // Turned off: prepared as a table, the text preview gone.
    await session.data.editText({ useText: false });
    expect((commands[4] as Extract<Command, { type: 'prepare-csv' }>).text).toBeUndefined();
  });

  it('a failed text edit keeps the message and drops the dataset that no longer matches the settings', async () => {
    const dataset = textDataset(64, 40, 'next-token');
    let fail = false;
    const { store, session } = setup(() =>
      fail
        ? Object.assign(new Error('x'), {
            problem: { severity: 'error', code: 'bad-option', message: 'the vocabulary size must be…' },
          })
        : { kind: 'text', dataset, preview, problems: [], skipped: [] },
    );
    await session.data.loadTextFile(new Blob(['hello']), 'a.txt');
    expect(store.getState().dataset).toBe(dataset);
    fail = true;
    await session.data.editText({ vocabSize: 2 });
    expect(store.getState().dataPage.error?.message).toBe('the vocabulary size must be…');
    expect(store.getState().dataset).toBeNull();
    expect(store.getState().dataPage.textSettings).toEqual({ vocabSize: 2 });
  });

  it('a text classification built-in is read as a table, then prepared as text from the column its index names', async () => {
    const dataset = textDataset(16, 40);
    const view: SchemaView = {
      schema: {
        columns: [column('word', 'text'), column('language', 'categorical', 'label')],
        label: 'language',
        task: 'multiclass',
      } as unknown as SchemaView['schema'],
      classBalance: null,
      histograms: {},
    };
    const { store, session, commands } = setup((c) =>
      c.type === 'builtin-text'
        ? {
            kind: 'csv',
            view: { header: ['word', 'language'], rows: [['maison', 'fr']] } as never,
            schema: view,
            settings: { columns: {} } as CsvSettings,
          }
        : { kind: 'text', dataset, preview, problems: [], skipped: [] },
    );
    const info = {
      id: 'word-language',
      kind: 'text',
      task: 'multiclass',
      title: 'Which language?',
      textColumn: 'word',
      labelColumn: 'language',
      splitColumn: 'split',
    };
    await session.data.chooseBuiltin(info as never);
    expect(commands.map((c) => c.type)).toEqual(['builtin-text', 'prepare-csv']);
    expect(commands[1]).toMatchObject({ text: { useText: true, textColumn: 'word' } });
    expect(store.getState().datasetRef).toEqual({ kind: 'builtin', id: 'word-language' });
    expect(store.getState().dataset).toBe(dataset);
  });

  it('a ZIP that held text is recorded as text files; reopening reads each kind back with its saved settings', async () => {
    const dataset = textDataset(16, 40);
    const { store, session, commands } = setup(() => ({
      kind: 'text',
      dataset,
      preview: { ...preview, source: 'folders' },
      problems: [],
      skipped: [],
    }));
    await session.data.loadZip(new File(['zip'], 'reviews.zip'));
    expect(store.getState().datasetRef).toMatchObject({ type: 'text-files', name: 'reviews.zip' });
    expect(store.getState().dataPage.source).toBe('text');
    const project = (type: 'text' | 'text-files') =>
      ({
        dataset: { kind: 'file', name: type === 'text' ? 'a.txt' : 'reviews.zip', size: 3, type, fileInBundle: true },
        data: { csv: { columns: {} }, images: null, text: { tokenizer: 'bpe', vocabSize: 300 } },
      }) as never;
    const file = { name: 'a.txt', type: 'text' as const, blob: new Blob(['abc']) };
    await restoreDataset(store, session.data, { project: project('text'), file, pipeline: null, weights: {} });
    expect(commands.at(-1)).toMatchObject({
      type: 'load-text',
      name: 'a.txt',
      settings: { tokenizer: 'bpe', vocabSize: 300 },
    });
    await restoreDataset(store, session.data, {
      project: project('text-files'),
      file: { ...file, name: 'reviews.zip' },
      pipeline: null,
      weights: {},
    });
    expect(commands.at(-1)).toMatchObject({
      type: 'scan-zip',
      name: 'reviews.zip',
      text: { tokenizer: 'bpe', vocabSize: 300 },
    });
  });
});
