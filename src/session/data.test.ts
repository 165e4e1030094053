import { describe, expect, it } from 'vitest';
import { buildGraph } from '../model/build';
import { createAppStore } from '../store/index';
import type { CsvSettings, DataResult } from '../worker/data-protocol';
import type { DataWorker } from './clients';
import { fakeClients, tinyDataset } from './fake-clients';
import { createSession } from './index';

type Command = Parameters<DataWorker['run']>[0];

/** A data worker that answers each command kind with a canned result and records what it was asked. */
function fakeDataWorker(answers: Partial<Record<Command['type'], DataResult | Error>>) {
  const commands: Command[] = [];
  let cancelled = 0;
  const worker: DataWorker = {
    async run(command, onProgress) {
      commands.push(command);
      onProgress?.({ stage: 'reading', done: 1, total: 2 } as never);
      const answer = answers[command.type];
      if (!answer) throw new Error(`no answer for ${command.type}`);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    cancel() {
      cancelled += 1;
    },
  };
  return { worker, commands, cancelled: () => cancelled };
}

function setup(data: ReturnType<typeof fakeDataWorker>) {
  const store = createAppStore();
  store.getState().resetGraph(
    buildGraph([
      { type: 'Input', params: { shape: [4] } },
      { type: 'Dense', name: 'out', params: { units: 3, activation: 'softmax' } },
    ]),
  );
  const clients = { ...fakeClients(), dataWorker: async () => data.worker };
  return { store, session: createSession(store, clients) };
}

const settings: CsvSettings = { label: 'species', columns: {} } as CsvSettings;

describe('data session', () => {
  it('a built-in table is parsed, prepared with the saved column choices and bound to the model', async () => {
    const dataset = tinyDataset();
    const data = fakeDataWorker({
      'builtin-csv': {
        kind: 'csv',
        view: {} as never,
        schema: {} as never,
        settings: { label: null, columns: {} } as unknown as CsvSettings,
      },
      infer: { kind: 'schema', schema: {} as never },
      'prepare-csv': { kind: 'dataset', dataset, problems: [], split: null, skipped: [] },
    });
    const { store, session } = setup(data);
    await session.data.chooseBuiltin({ id: 'iris', kind: 'tabular', title: 'Iris' } as never, { csv: settings });
    expect(data.commands.map((c) => c.type)).toEqual(['builtin-csv', 'infer', 'prepare-csv']);
    expect(data.commands[0]).toMatchObject({ baseUrl: 'http://localhost/', builtinId: 'iris' });
    const s = store.getState();
    expect(s.datasetRef).toEqual({ kind: 'builtin', id: 'iris' });
    expect(s.dataPage.settings).toEqual(settings);
    expect(s.dataPage.busy).toBe(false);
    expect(s.dataset).toBe(dataset);
    session.dispose();
  });

  it('a text built-in starts from the tokenizer it is meant for, and a saved choice wins', async () => {
    const data = fakeDataWorker({ 'builtin-text': new Error('stop after the request') });
    const { session } = setup(data);
    const info = {
      id: 'word-language',
      kind: 'text',
      task: 'multiclass',
      title: 'Which language is this word?',
      textColumn: 'text',
      tokenizer: { kind: 'bpe', vocabSize: 4000, seqLen: 16 },
    };
    await session.data.chooseBuiltin(info as never);
    expect(data.commands[0]).toMatchObject({
      type: 'builtin-text',
      settings: { useText: true, textColumn: 'text', tokenizer: 'bpe', vocabSize: 4000, seqLen: 16 },
    });
    await session.data.chooseBuiltin(info as never, { text: { useText: true, tokenizer: 'char' } });
    expect(data.commands[1]).toMatchObject({ settings: { useText: true, tokenizer: 'char' } });
    session.dispose();
  });

  it('a failed task leaves a message on the page, not an exception', async () => {
    const data = fakeDataWorker({
      'builtin-csv': Object.assign(new Error('x'), {
        problem: { severity: 'error', code: 'read-failed', message: 'The file could not be read.' },
      }),
    });
    const { store, session } = setup(data);
    await session.data.chooseBuiltin({ id: 'iris', kind: 'tabular', title: 'Iris' } as never);
    expect(store.getState().dataPage.error?.message).toBe('The file could not be read.');
    expect(store.getState().dataPage.busy).toBe(false);
    expect(store.getState().dataset).toBeNull();
    session.data.cancel();
    expect(data.cancelled()).toBe(1);
    session.dispose();
  });

  it('reading settings re-read the file, survive a failed read and go with the retry that skips bad rows', async () => {
    const commands: Command[] = [];
    let fail = true;
    const worker: DataWorker = {
      async run(command) {
        commands.push(command);
        if (command.type !== 'parse-csv') throw new Error(`unexpected ${command.type}`);
        if (fail) {
          fail = false;
          throw Object.assign(new Error('ragged'), {
            problem: {
              severity: 'error',
              code: 'ragged-rows',
              message: 'row 5 has 4 fields',
              fix: { control: 'skip-bad-rows' },
            },
          });
        }
        return {
          kind: 'csv',
          view: {} as never,
          schema: { schema: { label: null } } as never,
          settings: command.settings,
        };
      },
      cancel() {},
    };
    const { store, session } = setup({ worker, commands, cancelled: () => 0 });
    const file = new File(['a;b\n1;2\n'], 'people.csv');
    await session.data.loadCsv(file);
    await session.data.reread({ encoding: 'windows-1252', delimiter: ';' });
    fail = true;
    await session.data.reread({ encoding: 'windows-1252', delimiter: ';', header: false });
    expect(store.getState().dataPage.error?.code).toBe('ragged-rows');
    expect(store.getState().dataPage.settings.read).toEqual({
      encoding: 'windows-1252',
      delimiter: ';',
      header: false,
    });
    await session.data.retrySkippingBadRows();
    const reads = commands.map((c) => (c.type === 'parse-csv' ? c.settings.read : null));
    expect(reads).toEqual([
      undefined,
      { encoding: 'windows-1252', delimiter: ';' },
      { encoding: 'windows-1252', delimiter: ';', header: false },
      { encoding: 'windows-1252', delimiter: ';', header: false, skipBadRows: true },
    ]);
    expect(commands.every((c) => c.type === 'parse-csv' && c.file === file)).toBe(true);
    expect(store.getState().dataPage.error).toBeNull();
    session.dispose();
  });

  it('commands sent before the worker has loaded share one worker (the one that holds the CSV)', async () => {
    const data = fakeDataWorker({
      'list-builtins': { kind: 'builtins', list: [] },
      'parse-csv': {
        kind: 'csv',
        view: {} as never,
        schema: { schema: { label: null } } as never,
        settings: { columns: {} },
      },
    });
    let started = 0;
    const store = createAppStore();
    // The worker module loads asynchronously, as the app's dynamic import() does.
    const dataWorker = async () => {
      started += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return data.worker;
    };
    const session = createSession(store, { ...fakeClients(), dataWorker });
    await Promise.all([session.data.listBuiltins(), session.data.loadCsvFile(new Blob(['a,b\n1,2\n']), 'x.csv')]);
    expect(started).toBe(1);
    expect(data.commands.map((c) => c.type).sort()).toEqual(['list-builtins', 'parse-csv']);
    session.dispose();
  });
});
