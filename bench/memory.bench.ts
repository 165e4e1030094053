// Peak memory: each template trained a few batches in Node on wasm (tensor bytes, wasm heap, process RSS), and a 100 MB CSV through the data pipeline (csv-ingest's numbers).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { templates } from '../src/model/templates';
import { setupWasm } from '../src/training/backend-wasm';
import { templateSpec, timeEpochs, unsupportedReason } from './template-workloads';

// Env: MEMORY_BENCH_BATCHES (batches per epoch, default 4), MEMORY_BENCH_BATCH (batch size, default 32),
// MEMORY_BENCH_TEMPLATES=id,id (default all), MEMORY_BENCH_CSV=0 (skip the CSV part; else it runs
// `csv-ingest` with CSV_BENCH_ROUNDS=1 and reads its bench-results/csv-ingest.json; =cached reads
// an earlier one without running it).
// Each template trains one warm-up and one timed epoch in a child process of its own (this file
// with --child), so the RSS high-water mark and the wasm heap (which only grows) are that template's.
// tfjs's wasm backend runs 1 thread in Node.

const BATCHES = Number(process.env.MEMORY_BENCH_BATCHES ?? 4);
const BATCH = Number(process.env.MEMORY_BENCH_BATCH ?? 32);
const CSV = process.env.MEMORY_BENCH_CSV ?? 'run';
const MiB = (bytes: number) => bytes / 2 ** 20;

interface Peak {
  template: string;
  samplesPerSec: number;
  /** tf.memory().numBytes at most (sampled every 10 ms and after each epoch). */
  peakTensorBytes: number;
  /** The wasm heap's size at the end: its high-water mark (it never shrinks). */
  wasmHeapBytes: number | null;
  /** RSS before the model was built (backend started) and the process's high-water mark. */
  startRssBytes: number;
  maxRssBytes: number;
}

function wasmHeapBytes(): number | null {
  const backend = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  return backend.wasm?.HEAPU8?.buffer.byteLength ?? null;
}

async function child(template: string): Promise<Peak> {
  tf.enableProdMode();
  await setupWasm({ threads: 1 });
  await tf.setBackend('wasm');
  await tf.ready();
  const startRssBytes = process.memoryUsage().rss;
  let peakTensors = 0;
  const timer = setInterval(() => (peakTensors = Math.max(peakTensors, tf.memory().numBytes)), 10);
  try {
    const r = await timeEpochs(templateSpec({ template, rows: BATCHES * BATCH, batch: BATCH }), 1);
    return {
      template,
      samplesPerSec: r.samplesPerSec,
      peakTensorBytes: Math.max(peakTensors, r.peakTensorBytes),
      wasmHeapBytes: wasmHeapBytes(),
      startRssBytes,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    clearInterval(timer);
  }
}

function runChild(template: string): Peak | { error: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', template], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = r.stdout?.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{'))
    return { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(0, 2).join(' ') };
  return JSON.parse(line) as Peak;
}

interface CsvResult {
  file_mb: number;
  rows: number;
  ours_mb_s: number;
  peak_rss_mb: { ours: number; papaparse_stream: number };
  peak_heap_mb: { ours: number };
  process_start_rss_mb: number;
}

function csvPart(): void {
  const file = 'bench-results/csv-ingest.json';
  if (CSV === '0') {
    console.log('\n100 MB CSV: skipped (MEMORY_BENCH_CSV=0); `npm run bench -- csv-ingest` prints its peak.');
    return;
  }
  if (CSV !== 'cached' || !existsSync(file)) {
    console.log(
      '\n100 MB CSV: running `csv-ingest` (1 round; it generates the CSV in a temp dir and measures each parser in a child process)…',
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/csv-ingest.bench.ts'], {
      stdio: 'inherit',
      env: { ...process.env, CSV_BENCH_ROUNDS: '1' },
    });
    if (r.status !== 0) {
      console.log(`100 MB CSV: csv-ingest failed (exit ${r.status ?? r.signal}).`);
      process.exitCode = 1;
      return;
    }
  }
  const c = JSON.parse(readFileSync(file, 'utf8')) as CsvResult;
  console.log(
    `100 MB CSV through the data pipeline (parse + infer + preprocess + split, Node, csv-ingest): ${c.file_mb} MB, ` +
      `${c.rows.toLocaleString('en-US')} rows, ${c.ours_mb_s} MB/s; peak RSS ${c.peak_rss_mb.ours} MB ` +
      `(a process starts at ~${c.process_start_rss_mb} MB; papaparse's stream API alone peaks at ${c.peak_rss_mb.papaparse_stream} MB), ` +
      `peak JS heap + array buffers ${c.peak_heap_mb.ours} MB.`,
  );
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    process.stdout.write(`\n${JSON.stringify(await child(process.argv[3]!))}\n`);
    return;
  }
  const wanted = process.env.MEMORY_BENCH_TEMPLATES?.split(',').map((s) => s.trim());
  const ids = templates.map((t) => t.id).filter((id) => !wanted || wanted.includes(id));
  console.log(
    `Each template: ${BATCHES} batches of ${BATCH} per epoch, a warm-up and a timed epoch, Adam 0.001, random data, ` +
      `tfjs wasm (1 thread) in Node ${process.version}, one child process per template.`,
  );
  console.log(
    `${'template'.padEnd(18)}${'tensors MiB'.padStart(12)}${'wasm heap MiB'.padStart(15)}${'RSS start MiB'.padStart(15)}` +
      `${'RSS peak MiB'.padStart(14)}${'samples/s'.padStart(11)}`,
  );
  let failures = 0;
  for (const id of ids) {
    const skip = unsupportedReason(id);
    if (skip) {
      console.log(`${id.padEnd(18)}skipped: ${skip} (random single-input data does not fit it)`);
      continue;
    }
    const r = runChild(id);
    if ('error' in r) {
      failures += 1;
      console.log(`${id.padEnd(18)}failed: ${r.error}`);
      continue;
    }
    const f = (bytes: number | null, w: number) =>
      (bytes === null ? '—' : MiB(bytes).toFixed(MiB(bytes) < 1 ? 2 : 1)).padStart(w);
    console.log(
      `${id.padEnd(18)}${f(r.peakTensorBytes, 12)}${f(r.wasmHeapBytes, 15)}${f(r.startRssBytes, 15)}${f(r.maxRssBytes, 14)}` +
        `${r.samplesPerSec.toFixed(0).padStart(11)}`,
    );
  }
  csvPart();
  if (failures > 0) process.exitCode = 1;
}

await main();
