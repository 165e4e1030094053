// CSV ingestion: raw papaparse vs parse + infer + preprocess + split on a 100 MB, 1M-row CSV (target ≥ 0.7×).
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { PIECE_CHARS, parseCsv } from '../src/data/csv/parse';
import { prepareTabular } from '../src/data/tabular';
import { mulberry32 } from '../src/data/random';

const ROWS = Number(process.env.CSV_BENCH_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.CSV_BENCH_ROUNDS ?? 3);
const TARGET = 0.7;

// Each measurement runs in a child process (this file with --child), so its memory peak is its own.
const peak = { heap: 0 };
function sample(): void {
  const m = process.memoryUsage();
  peak.heap = Math.max(peak.heap, m.heapUsed + m.arrayBuffers);
}

async function generate(file: string): Promise<void> {
  const rng = mulberry32(2024);
  const cities = Array.from({ length: 40 }, (_, i) => `city_${String(i).padStart(2, '0')}`);
  const plans = ['basic', 'standard', 'premium', 'enterprise', 'trial'];
  const devices = [
    'desktop',
    'mobile',
    'tablet',
    'tv',
    'watch',
    'console',
    'car',
    'kiosk',
    'other',
    'unknown',
    'bot',
    'api',
  ];
  const out = createWriteStream(file);
  const write = (s: string) =>
    new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', () => resolve())));
  await write('age,income,balance,score,tenure,latency_ms,city,plan,device,is_member,opted_in,segment\n');
  let lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const r = rng;
    const missing = (p: number) => r() < p;
    lines.push(
      [
        missing(0.01) ? '' : String(18 + Math.floor(r() * 70)),
        (r() * 150_000).toFixed(6),
        ((r() - 0.3) * 20_000).toFixed(6),
        missing(0.02) ? 'NA' : r().toFixed(10),
        (r() * 240).toFixed(3),
        (r() * 900 + 5).toFixed(8),
        cities[Math.floor(r() * cities.length)],
        plans[Math.floor(r() * plans.length)],
        missing(0.005) ? '' : devices[Math.floor(r() * devices.length)],
        r() < 0.4 ? 'yes' : 'no',
        r() < 0.7 ? 'true' : 'false',
        ['bronze', 'silver', 'gold'][Math.floor(r() * 3)],
      ].join(','),
    );
    if (lines.length === 20_000) {
      await write(`${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length > 0) await write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => out.end(resolve));
}

/** papaparse's own streaming API on the file, doing nothing with the rows. */
async function rawStream(file: string): Promise<number> {
  let rows = 0;
  await new Promise<void>((resolve, reject) =>
    Papa.parse(createReadStream(file, { encoding: 'utf8', highWaterMark: 4 << 20 }) as unknown as Papa.LocalFile, {
      chunk: (r: Papa.ParseResult<unknown>) => void (rows += r.data.length),
      complete: () => resolve(),
      error: (e: Error) => reject(e),
    }),
  );
  return rows;
}

/** papaparse fed exactly as parseCsv feeds it (strict UTF-8 decode, PIECE_CHARS-character pieces). */
async function rawPieces(file: string): Promise<number> {
  let rows = 0;
  const listeners = new Map<string, (s?: string) => void>();
  const source = {
    readable: true,
    read() {},
    pause() {},
    resume() {},
    on: (e: string, f: (s?: string) => void) => void listeners.set(e, f),
    removeListener: (e: string) => void listeners.delete(e),
  };
  Papa.parse(source as unknown as Papa.LocalFile, {
    chunk: (r: Papa.ParseResult<unknown>) => void (rows += r.data.length),
    complete: () => {},
  });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const bytes of createReadStream(file, { highWaterMark: 4 << 20 })) {
    const text = decoder.decode(bytes as Uint8Array, { stream: true });
    for (let at = 0; at < text.length; at += PIECE_CHARS) listeners.get('data')!(text.slice(at, at + PIECE_CHARS));
  }
  listeners.get('end')!();
  return rows;
}

async function ours(
  file: string,
  size: number,
): Promise<{ rows: number; width: number; parseMs: number; prepareMs: number }> {
  const t0 = performance.now();
  const parsed = await parseCsv(createReadStream(file, { highWaterMark: 4 << 20 }), {
    totalBytes: size,
    onProgress: sample,
  });
  const t1 = performance.now();
  sample();
  const { report } = prepareTabular(parsed, { label: 'segment' });
  sample();
  return { rows: parsed.rowCount, width: report.width, parseMs: t1 - t0, prepareMs: performance.now() - t1 };
}

type Variant = 'stream' | 'pieces' | 'ours';
interface Measurement {
  ms: number;
  rows: number;
  width: number;
  parseMs: number;
  prepareMs: number;
  startRssMb: number;
  maxRssMb: number;
  peakHeapMb: number;
}

/** In the child: one timed run of one variant, printed as JSON. */
async function child(variant: Variant, file: string): Promise<void> {
  const timer = setInterval(sample, 5);
  const startRss = process.memoryUsage().rss;
  sample();
  const t = performance.now();
  let result = { rows: 0, width: 0, parseMs: 0, prepareMs: 0 };
  if (variant === 'ours') result = await ours(file, statSync(file).size);
  else result.rows = variant === 'stream' ? await rawStream(file) : await rawPieces(file);
  const ms = performance.now() - t;
  sample();
  clearInterval(timer);
  const m: Measurement = {
    ms,
    ...result,
    startRssMb: startRss / 2 ** 20,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peak.heap / 2 ** 20,
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

function measure(variant: Variant, file: string): Measurement {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', variant, file],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`${variant} run failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Measurement;
}

if (process.argv[2] === '--child') {
  await child(process.argv[3] as Variant, process.argv[4]!);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'layerloom-csv-bench-'));
const file = join(dir, 'bench.csv');
try {
  const g = performance.now();
  await generate(file);
  const size = statSync(file).size;
  const mb = size / 1e6;
  console.log(
    `generated ${ROWS.toLocaleString('en-US')} rows × 12 columns, ${mb.toFixed(1)} MB in ${((performance.now() - g) / 1000).toFixed(1)} s`,
  );

  const runs: Record<Variant, Measurement[]> = { stream: [], pieces: [], ours: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const variant of ['stream', 'pieces', 'ours'] as const) runs[variant].push(measure(variant, file));
    const [a, b, c] = [runs.stream.at(-1)!, runs.pieces.at(-1)!, runs.ours.at(-1)!];
    console.log(
      `round ${round}: papaparse stream ${(mb / (a.ms / 1000)).toFixed(1)} MB/s, papaparse pieces ${(mb / (b.ms / 1000)).toFixed(1)} MB/s, ` +
        `ours ${(mb / (c.ms / 1000)).toFixed(1)} MB/s (parse ${c.parseMs.toFixed(0)} ms + infer/preprocess/split ${c.prepareMs.toFixed(0)} ms)`,
    );
  }
  const best = (variant: Variant) => runs[variant].reduce((x, y) => (y.ms < x.ms ? y : x));
  const [stream, pieces, mine] = [best('stream'), best('pieces'), best('ours')];
  const maxOf = (variant: Variant, key: 'maxRssMb' | 'peakHeapMb') =>
    Math.round(Math.max(...runs[variant].map((r) => r[key])));
  const result = {
    file_mb: +mb.toFixed(1),
    rows: mine.rows,
    input_width: mine.width,
    rounds: ROUNDS,
    papaparse_stream_mb_s: +(mb / (stream.ms / 1000)).toFixed(1),
    papaparse_pieces_mb_s: +(mb / (pieces.ms / 1000)).toFixed(1),
    ours_mb_s: +(mb / (mine.ms / 1000)).toFixed(1),
    ours_parse_ms: Math.round(mine.parseMs),
    ours_prepare_ms: Math.round(mine.prepareMs),
    ratio_vs_papaparse_stream: +(stream.ms / mine.ms).toFixed(2),
    ratio_vs_papaparse_pieces: +(pieces.ms / mine.ms).toFixed(2),
    target_ratio: TARGET,
    peak_rss_mb: {
      papaparse_stream: maxOf('stream', 'maxRssMb'),
      papaparse_pieces: maxOf('pieces', 'maxRssMb'),
      ours: maxOf('ours', 'maxRssMb'),
    },
    peak_heap_mb: {
      papaparse_stream: maxOf('stream', 'peakHeapMb'),
      papaparse_pieces: maxOf('pieces', 'peakHeapMb'),
      ours: maxOf('ours', 'peakHeapMb'),
    },
    process_start_rss_mb: Math.round(mine.startRssMb),
  };
  console.log(
    `best of ${ROUNDS}: papaparse ${result.papaparse_stream_mb_s} MB/s (its stream API), ${result.papaparse_pieces_mb_s} MB/s (fed like ours); ours ${result.ours_mb_s} MB/s`,
  );
  console.log(
    `ratio ours / papaparse: ${result.ratio_vs_papaparse_stream} vs its stream API, ${result.ratio_vs_papaparse_pieces} vs papaparse fed like ours (target ≥ ${TARGET})`,
  );
  console.log(
    `peak RSS (process max): papaparse ${result.peak_rss_mb.papaparse_stream} / ${result.peak_rss_mb.papaparse_pieces} MB, ours ${result.peak_rss_mb.ours} MB; ` +
      `peak heap+buffers (sampled): papaparse ${result.peak_heap_mb.papaparse_stream} / ${result.peak_heap_mb.papaparse_pieces} MB, ours ${result.peak_heap_mb.ours} MB ` +
      `(a process starts at ~${result.process_start_rss_mb} MB RSS)`,
  );
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/csv-ingest.json', JSON.stringify(result, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
