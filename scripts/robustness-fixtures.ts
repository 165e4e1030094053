// Writes the small robustness cases of issue 14 (src/test-support/robustness-cases.ts) into
// test-fixtures/robustness/, with a README listing each file, what it reproduces and the expected
// outcome. Deterministic: a rerun rewrites the same bytes. The large cases are never written here:
// `npm run bench -- robustness` and the tests generate them in a temp folder.
// Run: `npx tsx scripts/robustness-fixtures.ts [--out DIR]`.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { fixturesReadme, smallCases } from '../src/test-support/robustness-cases';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: join(ROOT, 'test-fixtures/robustness') } } });
const OUT = values.out!;

/** JSON and Markdown go through prettier, as `npm run format:check` reads them; data files are written as generated. */
async function formatted(path: string, data: Uint8Array): Promise<Uint8Array | string> {
  const parser = path.endsWith('.json') ? 'json' : path.endsWith('.md') ? 'markdown' : null;
  if (!parser) return data;
  const options = await prettier.resolveConfig(join(ROOT, 'package.json'));
  return prettier.format(new TextDecoder().decode(data), { ...options, parser });
}

const cases = smallCases();
await rm(OUT, { recursive: true, force: true });
let count = 0;
let bytes = 0;
for (const c of cases)
  for (const [path, data] of Object.entries(c.files)) {
    await mkdir(dirname(join(OUT, path)), { recursive: true });
    await writeFile(join(OUT, path), await formatted(path, data));
    count += 1;
    bytes += data.byteLength;
  }
await writeFile(join(OUT, 'README.md'), await formatted('README.md', new TextEncoder().encode(fixturesReadme(cases))));
console.log(`Wrote ${count} files (${(bytes / 1024).toFixed(1)} KB) for ${cases.length} cases and README.md to ${OUT}`);
