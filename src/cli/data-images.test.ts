/** `layerloom data` on image archives: names from the archive as shown, and the ZIP memory guard. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { png, pngs, zipDeclaring, zipOf } from '../data/images/test-fixtures';
import { main } from './main';

const run = async (args: string[]) => {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, text: lines.join('\n') };
};

let dir = '';
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerloom-images-'));
  await writeFile(
    path('names.zip'),
    zipOf({ ...pngs('evil\u202Egnp', 5), ...pngs('plain', 5), '../escape.png': png(), 'plain/a\u202Etxt.exe': 'x' }),
  );
  await writeFile(
    path('bomb.zip'),
    zipDeclaring({ 'a/bomb.png': { bytes: new Uint8Array(1024), declared: 21 * 1024 ** 3 } }),
  );
});

describe('layerloom data on a ZIP of images', () => {
  it('shows control characters in class names and skipped files escaped, and lists ../ entries', async () => {
    const { code, text } = await run(['data', path('names.zip')]);
    expect(code).toBe(0);
    expect(text).not.toMatch(/\u202E/);
    expect(text.split('\n').slice(1, 3)).toEqual(['  evil<U+202E>gnp: 5', '  plain: 5']);
    expect(text).toContain('skipped 2 files, e.g. ../escape.png: path leaves the archive (../); not read');
    const json = JSON.parse((await run(['data', path('names.zip'), '--json'])).text) as {
      classes: { name: string }[];
      skipped: { path: string }[];
    };
    expect(json.classes.map((c) => c.name)).toEqual(['evil<U+202E>gnp', 'plain']);
    expect(json.skipped.map((s) => s.path)).toEqual(['../escape.png', 'plain/a<U+202E>txt.exe']);
  });

  it('refuses a ZIP whose entry declares 21 GB from its header, at once', async () => {
    const started = performance.now();
    const { code, text } = await run(['data', path('bomb.zip'), '--json']);
    expect(code).toBe(1);
    expect((JSON.parse(text) as { error: string }).error).toBe(
      'the images in bomb.zip add up to more than 1.5 GB once unpacked, over the memory limit; use fewer or smaller images',
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
