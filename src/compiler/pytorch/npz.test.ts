import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestPython, type CommandRunner } from '../python/python-env';
import { npyBytes, npyHeader, npzBytes } from './npz';

/** The .npy/.npz writer against the NumPy format spec and against numpy itself. */

let run: CommandRunner;
let python: string;
let root: string;

beforeAll(async () => {
  ({ run, python } = await findTestPython((m) => console.log(m), ['numpy']));
  root = mkdtempSync(join(tmpdir(), 'layerloom-npz-'));
}, 900_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npy header', () => {
  it.each([[[]], [[7]], [[2, 3]], [[1, 2, 3, 4, 5, 6]]])('shape %j: data starts on a 64-byte boundary', (shape) => {
    const header = npyHeader('<f4', shape);
    expect((10 + header.length) % 64).toBe(0);
    expect(header.endsWith('\n')).toBe(true);
    expect(header).toContain(`'shape': (${shape.length === 1 ? `${shape[0]},` : shape.join(', ')})`);
  });

  it('refuses values that do not fill the shape', () => {
    expect(() => npyBytes({ shape: [2, 2], values: new Float32Array(3) })).toThrow(/needs 4 values, not 3/);
  });

  it('refuses keys that are no plain file names, and a key used twice', () => {
    const a = { shape: [1], values: new Float32Array(1) };
    expect(() => npzBytes([['../x', a]])).toThrow(/cannot be an .npz key/);
    expect(() =>
      npzBytes([
        ['a.b', a],
        ['a.b', a],
      ]),
    ).toThrow(/used twice/);
  });

  it('stores the entries uncompressed, in order, with the same bytes each time', () => {
    const arrays = [
      ['dense.kernel', { shape: [2, 2], values: Float32Array.from([1, 2, 3, 4]) }],
      ['dense.bias', { shape: [2], values: Float32Array.from([5, 6]) }],
    ] as const;
    const bytes = npzBytes(arrays);
    expect(bytes).toEqual(npzBytes(arrays));
    expect(Object.keys(unzipSync(bytes))).toEqual(['dense.kernel.npy', 'dense.bias.npy']);
  });
});

describe('numpy reads what we write', () => {
  it('float32 and int32 arrays come back bit for bit, with allow_pickle=False', () => {
    const specials = Float32Array.from([0, -0, 1.5, -3.25e-38, 3.4028234663852886e38, Math.PI, NaN, Infinity, 1e-45]);
    const ints = Int32Array.from([0, -1, 2147483647, -2147483648, 42, 7]);
    const file = join(root, 'w.npz');
    writeFileSync(
      file,
      npzBytes([
        ['a.b_c', { shape: [3, 3], values: specials }],
        ['ids', { shape: [2, 1, 3], values: ints }],
        ['scalar', { shape: [], values: Float32Array.from([2.5]) }],
      ]),
    );
    const r = run(python, [
      '-c',
      [
        'import json, sys, numpy as np',
        'd = np.load(sys.argv[1], allow_pickle=False)',
        'out = {k: {"dtype": str(d[k].dtype), "shape": list(d[k].shape), "bits": d[k].view(np.uint32 if d[k].dtype == np.float32 else np.int32).reshape(-1).tolist()} for k in d.files}',
        'print(json.dumps(out))',
      ].join('\n'),
      file,
    ]);
    if (r.status !== 0) throw new Error(r.stderr);
    const got = JSON.parse(r.stdout) as Record<string, { dtype: string; shape: number[]; bits: number[] }>;
    expect(Object.keys(got)).toEqual(['a.b_c', 'ids', 'scalar']);
    expect(got['a.b_c']).toEqual({
      dtype: 'float32',
      shape: [3, 3],
      bits: Array.from(new Uint32Array(specials.buffer)),
    });
    expect(got.ids).toEqual({ dtype: 'int32', shape: [2, 1, 3], bits: Array.from(ints) });
    expect(got.scalar?.shape).toEqual([]);
  });
});
