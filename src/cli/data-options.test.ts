import { mkdtemp, open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newProject } from '../model/project';
import { buildGraph } from '../model/build';
import {
  ambiguousNumberFormatCsv,
  badRowsCsv,
  thousandsCsv,
  utf16leNoBomCsv,
  whitespaceDelimitedCsv,
} from '../test-support/robustness-csv';
import { readDataOptions } from './data-options';
import { main } from './main';

const run = async (args: string[]) => {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, text: lines.join('\n') };
};
const failure = (args: string[]) =>
  run(args).then(
    () => null,
    (e: Error) => e.message,
  );

let dir = '';
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerloom-options-'));
  await writeFile(path('thousands.csv'), thousandsCsv());
  await writeFile(path('ambiguous.csv'), ambiguousNumberFormatCsv());
  await writeFile(path('utf16.csv'), utf16leNoBomCsv());
  await writeFile(path('spaces.csv'), whitespaceDelimitedCsv());
  await writeFile(path('bad-rows.csv'), badRowsCsv());
  const mlp = buildGraph([
    { type: 'Input', params: { shape: [2] } },
    { type: 'Dense', params: { units: 2, activation: 'softmax' } },
  ]);
  await writeFile(path('mlp.json'), JSON.stringify(newProject('mlp', mlp)));
});

describe('the Data page settings on the command line', () => {
  it('reads each option, and refuses bad values naming the flag', () => {
    expect(
      readDataOptions({
        encoding: 'windows-1252',
        delimiter: 'tab',
        header: 'no',
        'number-format': ['1,234.5', 'price=decimal-comma'],
        task: 'regression',
        'skip-bad-rows': true,
      }),
    ).toEqual({
      parse: { encoding: 'windows-1252', delimiter: '\t', header: false, skipBadRows: true },
      task: 'regression',
      numberFormat: 'thousands',
      columns: { price: { numberFormat: 'decimal-comma' } },
    });
    expect(() => readDataOptions({ encoding: 'klingon' })).toThrow("--encoding: 'klingon' is not an encoding");
    expect(() => readDataOptions({ header: 'maybe' })).toThrow("--header: use yes, no or auto; got 'maybe'");
    expect(() => readDataOptions({ delimiter: '::' })).toThrow('--delimiter');
    expect(() => readDataOptions({ task: 'ranking' })).toThrow('--task: use binary, multiclass, regression');
    expect(() => readDataOptions({ 'number-format': ['x=1 234,5'] })).toThrow(
      "--number-format x: '1 234,5' is not a number format; use plain (1234.5), thousands (1,234.5), decimal-comma (1.234,5)",
    );
  });

  it('gives min, max and mean of numeric columns in --json, read in their number format', async () => {
    const { code, text } = await run(['data', path('thousands.csv'), '--json']);
    expect(code).toBe(0);
    const amount = (
      JSON.parse(text) as { schema: { name: string; min: number; max: number; numberFormat: string }[] }
    ).schema.find((c) => c.name === 'amount')!;
    expect(amount).toMatchObject({ min: 48, max: 1234567, numberFormat: 'thousands' });
  });

  it('asks about an ambiguous column with the flag that answers, and takes the answer', async () => {
    const asked = await run(['data', path('ambiguous.csv')]);
    expect(asked.code).toBe(1);
    expect(asked.text).toContain(
      "choose the column's number format (--number-format 'amount'=thousands|decimal-comma)",
    );
    const answered = await run(['data', path('ambiguous.csv'), '--number-format', 'amount=decimal-comma', '--json']);
    expect(answered.code).toBe(0);
    const amount = (JSON.parse(answered.text) as { schema: { name: string; max: number }[] }).schema[0]!;
    expect(amount.max).toBe(9.876);
  });

  it('follows its own advice: --encoding, --delimiter, --header, --skip-bad-rows', async () => {
    expect(await failure(['data', path('utf16.csv')])).toContain('(--encoding utf-16le)');
    expect((await run(['data', path('utf16.csv'), '--encoding', 'utf-16le'])).code).toBe(0);
    const spaces = await run(['data', path('spaces.csv'), '--delimiter', 'whitespace', '--label', 'GRADE', '--json']);
    expect((JSON.parse(spaces.text) as { delimiter: string; task: string }).task).toBe('binary');
    expect(await failure(['data', path('bad-rows.csv')])).toContain('(--skip-bad-rows)');
    expect((await run(['data', path('bad-rows.csv'), '--skip-bad-rows'])).code).toBe(0);
    const headless = JSON.parse((await run(['data', path('thousands.csv'), '--header', 'no', '--json'])).text) as {
      header: boolean;
      rows: number;
    };
    expect(headless.header).toBe(false);
  });

  it('train takes the same options, and --task', async () => {
    const args = ['train', '--model', path('mlp.json'), '--data', path('ambiguous.csv'), '--label', 'label'];
    await expect(run([...args, '--backend', 'cpu', '--epochs', '1'])).rejects.toThrow('(--number-format');
    const { code } = await run([...args, '--backend', 'cpu', '--epochs', '1', '--number-format', 'amount=thousands']);
    expect(code).toBe(0);
    await expect(run([...args, '--task', 'ranking'])).rejects.toThrow('--task: use binary, multiclass, regression');
  });

  it('train checks the file size before reading it, naming the file', async () => {
    // A sparse 600 MB file: over the 512 MB limit, and nothing of it is ever read.
    const big = path('big.csv');
    const handle = await open(big, 'w');
    await handle.truncate(600 * 1024 * 1024);
    await handle.close();
    const message = await failure([
      'train',
      '--model',
      path('mlp.json'),
      '--data',
      big,
      '--label',
      'y',
      '--backend',
      'cpu',
    ]);
    expect(message).toBe(
      `${big}: the file is 600 MB; the limit is 512 MB. Use a sample of the rows, or drop columns you do not need.`,
    );
  });
});
