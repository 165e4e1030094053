import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { describe, expect, it, vi } from 'vitest';
import { mulberry32 } from '../data/random';
import { readDataOptions } from './data-options';
import { main } from './main';
import { withColumnRoles } from './train-roles';

const run = async (args: string[]) => {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, lines };
};
const failure = (args: string[]) =>
  run(args).then(
    () => null,
    (e: Error) => e.message,
  );

/** user × item → liked when their ids have the same parity (only the two ids tell). */
async function ratingsCsv(extraId = false): Promise<string> {
  const rng = mulberry32(3);
  const rows = [`user_id,item_id,${extraId ? 'session_id,' : ''}liked`];
  for (let r = 0; r < 600; r++) {
    const u = 1 + Math.floor(rng() * 20);
    const i = 101 + Math.floor(rng() * 30);
    rows.push(`${u},${i},${extraId ? `${r},` : ''}${u % 2 === i % 2 ? 1 : 0}`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'layerloom-mixed-'));
  const path = join(dir, extraId ? 'sessions.csv' : 'ratings.csv');
  await writeFile(path, `${rows.join('\n')}\n`);
  return path;
}

describe('--text-columns and --id-columns', () => {
  it('give the named columns their role', () => {
    const c = readDataOptions({ 'text-columns': 'review', 'id-columns': 'user_id, item_id' });
    expect(c.columns).toEqual({ review: { role: 'text' }, user_id: { role: 'id' }, item_id: { role: 'id' } });
  });

  it('refuse one column in both, and an empty name', () => {
    expect(() => readDataOptions({ 'text-columns': 'a', 'id-columns': 'b,a' })).toThrow(
      /--id-columns: 'a' is already a text column \(--text-columns\); give each column one role/,
    );
    expect(() => readDataOptions({ 'id-columns': 'user_id,,item_id' })).toThrow(/--id-columns: give column names/);
  });
});

describe('withColumnRoles', () => {
  const none = readDataOptions({});
  const wants = { template: 'recommendation', idInputs: ['user', 'item'] };

  it('picks the two id-like columns for a recommendation template when no flag names any', () => {
    const got = withColumnRoles(none, ['user_id', 'movieId', 'liked', 'price'], 'liked', wants, 'r.csv');
    expect(got.columns).toEqual({ user_id: { role: 'id' }, movieId: { role: 'id' } });
  });

  it('asks for --id-columns when the id-like columns are not exactly two', () => {
    expect(() => withColumnRoles(none, ['user_id', 'item_id', 'session_id', 'liked'], 'liked', wants, 'r.csv')).toThrow(
      /--template recommendation takes 2 id columns \(user, item\), but r\.csv has 3 id-like columns \(user_id, item_id, session_id\); name them with --id-columns USER_COLUMN,ITEM_COLUMN/,
    );
    expect(() => withColumnRoles(none, ['a', 'b', 'liked'], 'liked', wants, 'r.csv')).toThrow(/has no id-like column/);
  });

  it('checks the named columns against the file and the label', () => {
    const named = readDataOptions({ 'id-columns': 'user_id,itm' });
    expect(() => withColumnRoles(named, ['user_id', 'item_id', 'liked'], 'liked', wants, 'r.csv')).toThrow(
      /--id-columns: r\.csv has no column 'itm'; its columns are user_id, item_id, liked/,
    );
    const label = readDataOptions({ 'id-columns': 'liked' });
    expect(() => withColumnRoles(label, ['liked'], 'liked', wants, 'r.csv')).toThrow(/'liked' is the label/);
  });
});

describe('layerloom train --template recommendation', () => {
  it('finds the user and item columns, trains both embeddings and prints the test accuracy', async () => {
    const data = await ratingsCsv();
    const args = ['train', '--template', 'recommendation', '--data', data, '--label', 'liked', '--json'];
    const { code, lines } = await run([...args, '--backend', 'cpu', '--epochs', '25', '--lr', '0.01']);
    expect(code).toBe(0);
    const summary = JSON.parse(lines.at(-1)!) as { test: { n: number; accuracy: number } };
    expect(summary.test.n).toBe(90);
    expect(summary.test.accuracy).toBeGreaterThan(0.9);
  }, 120_000);

  it('asks for --id-columns, with the usage, when the file has three id-like columns', async () => {
    const data = await ratingsCsv(true);
    const message = await failure(['train', '--template', 'recommendation', '--data', data, '--label', 'liked']);
    expect(message).toMatch(/3 id-like columns \(user_id, item_id, session_id\); name them with --id-columns/);
    expect(message).toContain('Usage: layerloom train');
  }, 60_000);

  it('refuses a plain table for a template of several Inputs, naming the flags', async () => {
    const data = await ratingsCsv(true);
    const message = await failure([
      ...['train', '--template', 'text-table', '--data', data, '--label', 'liked', '--backend', 'cpu'],
    ]);
    expect(message).toMatch(/--template text-table: .*--text-columns COL,… or --id-columns COL,…/);
  }, 60_000);

  it('--out exports ONNX with the two id inputs and PyTorch without train.py, saying why', async () => {
    const data = await ratingsCsv();
    const out = await mkdtemp(join(tmpdir(), 'layerloom-mixed-out-'));
    const errors: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      errors.push(String(chunk));
      return true;
    });
    try {
      const args = ['train', '--template', 'recommendation', '--data', data, '--label', 'liked', '--out', out];
      expect((await run([...args, '--backend', 'cpu', '--epochs', '1', '--format', 'onnx,pytorch'])).code).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const session = await ort.InferenceSession.create(await readFile(join(out, 'onnx', 'model.onnx')));
    expect([...session.inputNames]).toEqual(['user_id', 'item_id']);
    await access(join(out, 'pytorch', 'model.py'));
    await expect(access(join(out, 'pytorch', 'train.py'))).rejects.toThrow();
    expect(errors.join('')).toMatch(/pytorch\/train\.py was not written: The model has 2 Inputs \(user_id, item_id\)/);
  }, 120_000);
});

describe('layerloom train --template text-table', () => {
  it('reads the --text-columns column as token ids beside the price and learns what neither decides alone', async () => {
    // bought = a good review and a price under 60 (e2e/fixtures/reviews-priced.csv).
    const data = fileURLToPath(new URL('../../e2e/fixtures/reviews-priced.csv', import.meta.url));
    const args = ['train', '--template', 'text-table', '--data', data, '--label', 'bought', '--text-columns', 'review'];
    const { code, lines } = await run([...args, '--json', '--backend', 'cpu', '--epochs', '30', '--lr', '0.01']);
    expect(code).toBe(0);
    const summary = JSON.parse(lines.at(-1)!) as { test: { n: number; accuracy: number } };
    expect(summary.test.n).toBe(60);
    expect(summary.test.accuracy).toBeGreaterThan(0.9);
  }, 120_000);
});
