import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const COMMITTED = join(process.cwd(), 'test-fixtures/robustness');

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!name.isFile()) continue;
    const full = join(name.parentPath, name.name);
    out[relative(dir, full)] = (await readFile(full)).toString('base64');
  }
  return out;
}

it('the committed robustness fixtures are what scripts/robustness-fixtures.ts writes', async () => {
  const fresh = await mkdtemp(join(tmpdir(), 'robustness-fixtures-'));
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/robustness-fixtures.ts', '--out', fresh]);
  const written = await files(fresh);
  const committed = await files(COMMITTED);
  expect(Object.keys(written).sort()).toEqual(Object.keys(committed).sort());
  for (const name of Object.keys(written)) expect(written[name], name).toBe(committed[name]);
}, 60_000);
