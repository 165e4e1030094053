import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from './main';

const run = async (args: string[]) => {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, text: lines.join('\n') };
};

let dir = '';
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerloom-data-'));
  const flowers = ['sepal,petal,colour,species'];
  for (let i = 0; i < 90; i++)
    flowers.push(
      `${(4 + (i % 13) * 0.3).toFixed(1)},${(1 + (i % 7) * 0.5).toFixed(1)},${['red', 'blue'][i % 2]},${['setosa', 'versicolor', 'virginica'][i % 3]}`,
    );
  await writeFile(path('flowers.csv'), `${flowers.join('\n')}\n`);
  await writeFile(path('ragged.csv'), 'a,b\n1,2\n3\n4,5\n');
  await writeFile(path('one-class.csv'), 'x,y\n1,yes\n5,yes\n3,yes\n');
  await mkdir(path('pictures'));
  await writeFile(path('pictures/readme.txt'), 'no images here');
});

describe('layerloom data', () => {
  it('prints the schema, the task, the row count and the problems', async () => {
    const { code, text } = await run(['data', path('flowers.csv')]);
    expect(code).toBe(0);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`${path('flowers.csv')}: 90 rows, 4 columns (comma-delimited, header row, UTF-8, 1.9 KB)`);
    expect(lines[2]).toMatch(/^column\s+type\s+role\s+missing\s+summary$/);
    expect(lines[3]).toMatch(/^sepal\s+numeric\s+feature\s+0\s+4 – 7\.6, mean 5\.78, sd 1\.11$/);
    expect(lines[5]).toMatch(/^colour\s+categorical\s+feature\s+0\s+2 values: red 50%, blue 50%$/);
    expect(lines[6]).toMatch(
      /^species\s+categorical\s+label\s+0\s+3 values: setosa 33%, versicolor 33%, virginica 33%$/,
    );
    expect(text).toContain("task: multiclass — label 'species', 3 classes: setosa, versicolor, virginica");
    expect(text).toContain('model inputs: 4; rows used 90, split 63 / 12 / 15 (train / validation / test)');
    expect(lines.at(-1)).toBe('no problems found');
  });

  it('prints one JSON object with --json: schema and the first 20 records', async () => {
    const { code, text } = await run(['data', path('flowers.csv'), '--json', '--label', 'colour']);
    expect(code).toBe(0);
    const json = JSON.parse(text) as {
      ok: boolean;
      rows: number;
      task: string;
      label: string;
      schema: { name: string; type: string; role: string; missing: number }[];
      records: Record<string, string>[];
    };
    expect([json.ok, json.rows, json.label, json.task]).toEqual([true, 90, 'colour', 'binary']);
    expect(json.schema.map((c) => [c.name, c.type, c.role])).toEqual([
      ['sepal', 'numeric', 'feature'],
      ['petal', 'numeric', 'feature'],
      ['colour', 'categorical', 'label'],
      ['species', 'categorical', 'feature'],
    ]);
    expect(json.records).toHaveLength(20);
    expect(json.records[1]).toEqual({ sepal: '4.3', petal: '1.5', colour: 'blue', species: 'versicolor' });
  });

  it('names bad rows, and skips them with --skip-bad-rows', async () => {
    await expect(run(['data', path('ragged.csv')])).rejects.toThrow(
      `${path('ragged.csv')}: row 3 has 1 field, expected 2. Fix that row (a missing or extra delimiter, or an unquoted field containing one) or choose to skip bad rows (--skip-bad-rows).`,
    );
    const json = JSON.parse((await run(['data', path('ragged.csv'), '--json'])).text) as {
      ok: boolean;
      error: { code: string; row: number };
    };
    expect(json).toMatchObject({ ok: false, error: { code: 'ragged-rows', row: 3 } });
    const skipped = await run(['data', path('ragged.csv'), '--skip-bad-rows']);
    expect(skipped.text).toContain('warning: skipped 1 row with the wrong number of fields (expected 2): row 3');
  });

  it('exits 1 with the reason when the data cannot be trained on', async () => {
    const { code, text } = await run(['data', path('one-class.csv'), '--label', 'y']);
    expect(code).toBe(1);
    expect(text).toContain("error: the label 'y' has only one class ('yes') in the 3 usable rows");
    await expect(run(['data', path('nope.csv')])).rejects.toThrow(`Cannot read ${path('nope.csv')}: no such file`);
    await expect(run(['data', path('flowers.csv'), '--label', 'size'])).rejects.toThrow(
      "there is no column 'size'; the columns are sepal, petal, colour, species",
    );
  });

  it('hands folders to the image scanner', async () => {
    const json = JSON.parse((await run(['data', path('pictures'), '--json'])).text) as {
      ok: boolean;
      kind: string;
      error: string;
    };
    expect([json.ok, json.kind]).toEqual([false, 'image']);
    expect(json.error.length).toBeGreaterThan(10);
  });

  it('runs through bin/layerloom.mjs with exit codes', async () => {
    const exec = promisify(execFile);
    const ok = await exec(process.execPath, ['bin/layerloom.mjs', 'data', path('flowers.csv')]);
    expect(ok.stdout).toContain("task: multiclass — label 'species'");
    const bad = await exec(process.execPath, ['bin/layerloom.mjs', 'data', path('ragged.csv')]).catch(
      (err: { code: number; stderr: string; stdout: string }) => err,
    );
    expect('code' in bad && bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^layerloom: .*ragged\.csv: row 3 has 1 field, expected 2/);
  });
});
