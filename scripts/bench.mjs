#!/usr/bin/env node
// `npm run bench [-- NAME… | --list]`: runs the benchmarks in bench/*.bench.{ts,mjs}, one child
// process each (TypeScript through tsx), in name order. A benchmark prints its own results and
// may write JSON under bench-results/ (gitignored). Its first `//` comment line is its description.
// Reference numbers for these machines: ../shared/perf-baseline.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = join(ROOT, 'bench');
const PATTERN = /\.bench\.(ts|mts|mjs|js)$/;

function discover() {
  if (!existsSync(BENCH_DIR)) return [];
  return readdirSync(BENCH_DIR)
    .filter((file) => PATTERN.test(file))
    .sort()
    .map((file) => {
      const path = join(BENCH_DIR, file);
      const comment = readFileSync(path, 'utf8').match(/^\s*\/\/\s*(.+)$/m);
      return { name: file.replace(PATTERN, ''), path, description: comment?.[1]?.trim() ?? '' };
    });
}

const args = process.argv.slice(2);
const benchmarks = discover();

if (benchmarks.length === 0) {
  console.log('No benchmarks yet. Add one as bench/<name>.bench.ts; `npm run bench` will find and run it.');
  process.exit(0);
}

if (args.includes('--list')) {
  for (const b of benchmarks) console.log(`${b.name.padEnd(28)} ${b.description}`);
  process.exit(0);
}

const wanted = args.filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !benchmarks.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; available: ${benchmarks.map((b) => b.name).join(', ')}.`);
  process.exit(1);
}
const selected = wanted.length > 0 ? benchmarks.filter((b) => wanted.includes(b.name)) : benchmarks;

let failed = 0;
for (const b of selected) {
  console.log(`\n▶ ${b.name}${b.description ? ` — ${b.description}` : ''}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', b.path], { cwd: ROOT, stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status === 0) console.log(`✓ ${b.name} (${seconds} s)`);
  else {
    failed += 1;
    console.log(`✗ ${b.name} failed (exit ${result.status ?? result.signal}, ${seconds} s)`);
  }
}
process.exit(failed > 0 ? 1 : 0);
