// Robustness (issue 14): the large bad inputs through the CLI and headless Chromium — outcome, seconds, peak memory.
//
// Cases (written to a temp folder, deleted afterwards; ROBUSTNESS_SCALE=0.05 shrinks every size):
// a 200 MB nested model.json (100 MB in the browser), a ZIP whose image inflates to 21 GB, a 1.8 GB
// CSV, a CSV just over 2 GiB, and a model.json whose manifest names a 3 GB weights file. The CLI
// runs as a child (`node --max-old-space-size=… bin/layerloom.mjs …`); its peak is the kernel's
// VmHWM, read every 50 ms. The browser's peak is the summed VmRSS of the Chromium process tree.
// A case that runs past ROBUSTNESS_TIMEOUT_S (default 300) or ROBUSTNESS_RSS_CAP_MB (default
// 8192; for the browser, its whole process tree) is stopped and reported so. This prints numbers;
// it asserts nothing about the app. Other knobs: ROBUSTNESS_ONLY=cli|browser, ROBUSTNESS_MAX_OLD_SPACE_MB (default 4096),
// ROBUSTNESS_DIST (a build to serve), ROBUSTNESS_KEEP=1 (keep the generated files).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freeBytes,
  scaledSizes,
  writeDeepJson,
  writeHugeWeightsModel,
  writeNumericCsv,
  writeRegressionModel,
  writeZipDeclaringHugeImage,
} from '../src/test-support/robustness-large';
import { ensureBuild, runInBrowser, startServer, type Measured, type Upload } from './robustness-browser';

const SCALE = Number(process.env.ROBUSTNESS_SCALE ?? 1);
const TIMEOUT_S = Number(process.env.ROBUSTNESS_TIMEOUT_S ?? 300);
const RSS_CAP_MB = Number(process.env.ROBUSTNESS_RSS_CAP_MB ?? 8192);
const OLD_SPACE_MB = Number(process.env.ROBUSTNESS_MAX_OLD_SPACE_MB ?? 4096);
const ONLY = process.env.ROBUSTNESS_ONLY;
const PORT = 4197;

const sizes = scaledSizes(SCALE);
const dir = mkdtempSync(join(tmpdir(), 'layerloom-robustness-'));
const mb = (bytes: number) =>
  bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 1e6).toFixed(1)} MB`;

interface Row extends Measured {
  input: string;
  /** `CLI data`, `CLI train`, `CLI summary` or `browser`. */
  where: string;
  command?: string;
  exitCode?: number | null;
}
const rows: Row[] = [];

/** One CLI run as a child process: exit code, first line of stderr, wall time, peak RSS (VmHWM). */
function runCli(args: string[]): Promise<Measured & { exitCode: number | null }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [`--max-old-space-size=${OLD_SPACE_MB}`, 'bin/layerloom.mjs', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => void (stdout = (stdout + d.toString()).slice(-8192)));
    child.stderr.on('data', (d: Buffer) => void (stderr.length < 65536 && (stderr += d.toString())));
    let peakKb = 0;
    let killed = '';
    const sampler = setInterval(() => {
      let status = '';
      try {
        status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      } catch {
        return; // exited
      }
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      const seconds = (performance.now() - t0) / 1000;
      if (!killed && seconds > TIMEOUT_S) killed = `killed after ${TIMEOUT_S} s (still running)`;
      else if (!killed && peakKb / 1024 > RSS_CAP_MB)
        killed = `killed at ${RSS_CAP_MB} MB RSS after ${seconds.toFixed(0)} s`;
      if (killed) child.kill('SIGKILL');
    }, 50);
    child.on('close', (code, signal) => {
      clearInterval(sampler);
      const seconds = (performance.now() - t0) / 1000;
      const lines = stderr
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      const outLines = stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      let outcome: string;
      if (killed) outcome = killed;
      else if (/heap out of memory/i.test(stderr)) outcome = `out of memory (V8 heap limit ${OLD_SPACE_MB} MB)`;
      else if (signal) outcome = `killed by ${signal}`;
      else if (code === 0) {
        const said = args[0] === 'train' ? outLines.at(-1) : outLines[0];
        const warned = lines.some((l) => l.startsWith('warning'));
        outcome = `accepted${warned ? ' (warnings)' : ''}${said ? `: ${said}` : ''}`;
      } else outcome = lines.find((l) => !l.startsWith('warning')) ?? outLines.at(-1) ?? `exit ${code}`;
      outcome = outcome.replace(/^layerloom: /, '').replaceAll(`${dir}/`, '');
      resolve({
        outcome,
        seconds,
        peakMb: peakKb / 1024,
        exitCode: code,
        detail: [...lines.slice(0, 5), ...outLines.slice(-3)].join('\n'),
      });
    });
  });
}

/** Writes one input unless the disk is short; returns false (and records why) when skipped. */
async function generate(input: string, bytesNeeded: number, write: () => Promise<unknown>): Promise<boolean> {
  const free = await freeBytes(dir);
  if (free < bytesNeeded + 512 * 2 ** 20) {
    console.log(`skip ${input}: needs ${mb(bytesNeeded)} in ${dir}, ${mb(free)} free`);
    rows.push({ input, where: 'CLI', outcome: `skipped: ${mb(free)} free`, seconds: 0, peakMb: 0 });
    return false;
  }
  const t = performance.now();
  await write();
  console.log(`generated ${input} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return true;
}

interface Case {
  input: string;
  cli?: string[][];
  browser?: Upload;
}

async function buildCases(): Promise<Case[]> {
  const cases: Case[] = [];
  const p = (name: string) => join(dir, name);
  const model = await writeRegressionModel(p('regression'), 7);

  if (
    await generate('deep.json', sizes.deepJson + sizes.deepJsonBrowser + sizes.deepJsonUnderCap, async () => {
      await writeDeepJson(p('deep.json'), sizes.deepJson);
      mkdirSync(p('browser'), { recursive: true });
      await writeDeepJson(p('browser/deep.json'), sizes.deepJsonBrowser);
      mkdirSync(p('browser-under-cap'), { recursive: true });
      await writeDeepJson(p('browser-under-cap/deep.json'), sizes.deepJsonUnderCap);
    })
  ) {
    cases.push({ input: `deep.json (${mb(sizes.deepJson)})`, cli: [['summary', p('deep.json')]] });
    cases.push({
      input: `deep.json (${mb(sizes.deepJsonBrowser)})`,
      browser: { kind: 'model', files: [p('browser/deep.json')] },
    });
    cases.push({
      input: `deep.json (${mb(sizes.deepJsonUnderCap)}, under the 64 MB cap)`,
      browser: { kind: 'model', files: [p('browser-under-cap/deep.json')] },
    });
  }
  let declared = 0;
  if (
    await generate('zip-declares-21gb.zip', sizes.zipDeclared / 1000, async () => {
      declared = (await writeZipDeclaringHugeImage(p('zip-declares-21gb.zip'), sizes.zipDeclared)).declared;
    })
  ) {
    const input = `zip-declares-21gb.zip (image inflates to ${mb(declared)})`;
    cases.push({
      input,
      cli: [['data', p('zip-declares-21gb.zip')]],
      browser: { kind: 'zip', files: [p('zip-declares-21gb.zip')] },
    });
  }
  if (await generate('big.csv', sizes.bigCsv, () => writeNumericCsv(p('big.csv'), sizes.bigCsv))) {
    cases.push({
      input: `big.csv (${mb(sizes.bigCsv)})`,
      cli: [
        ['data', p('big.csv')],
        ['train', '--model', model, '--data', p('big.csv'), '--label', 'y', '--epochs', '1'],
      ],
      browser: { kind: 'csv', files: [p('big.csv')] },
    });
  }
  if (await generate('huge.csv', sizes.hugeCsv, () => writeNumericCsv(p('huge.csv'), sizes.hugeCsv, 2))) {
    cases.push({
      input: `huge.csv (${mb(sizes.hugeCsv)})`,
      cli: [['data', p('huge.csv')]],
      browser: { kind: 'csv', files: [p('huge.csv')] },
    });
  }
  const huge = await writeHugeWeightsModel(p('huge-weights'), sizes.hugeWeights); // sparse: no disk used
  cases.push({
    input: `model.json + weights.bin (${mb(huge.weightsBytes)})`,
    cli: [['train', '--model', huge.model, '--data', huge.csv, '--label', 'y', '--epochs', '1']],
    browser: { kind: 'model', files: [huge.model, join(p('huge-weights'), 'weights.bin')] },
  });
  return cases;
}

function printTable(): void {
  const cells = rows.map((r) => [
    r.input,
    r.where,
    r.outcome.length > 110 ? `${r.outcome.slice(0, 109)}…` : r.outcome,
    r.seconds.toFixed(1),
    r.peakMb.toFixed(0),
    r.beforeMb === undefined ? '' : `+${Math.max(0, r.peakMb - r.beforeMb).toFixed(0)}`,
  ]);
  // For Chromium, what the input added over the idle app matters more than the tree's total.
  const head = ['input', 'where', 'outcome', 'seconds', 'peak MB', 'over idle MB'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    `| ${c.map((x, i) => (i >= 3 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join(' | ')} |`;
  console.log(
    `\n${line(head)}\n|${widths.map((w, i) => (i >= 3 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
  );
  for (const c of cells) console.log(line(c));
  console.log(
    `\nscale ${SCALE}; CLI peak = VmHWM of the node child (--max-old-space-size=${OLD_SPACE_MB}); browser peak = summed VmRSS of the Chromium process tree, sampled every 50 ms; limits ${TIMEOUT_S} s, ${RSS_CAP_MB} MB.`,
  );
}

let server: ReturnType<typeof spawn> | undefined;
try {
  console.log(`robustness bench: scale ${SCALE}, files in ${dir}`);
  const cases = await buildCases();
  if (ONLY !== 'browser')
    for (const c of cases)
      for (const args of c.cli ?? []) {
        const command = `layerloom ${args.map((a) => a.replace(dir + '/', '')).join(' ')}`;
        console.log(`CLI: ${command}`);
        rows.push({ input: c.input, where: `CLI ${args[0]}`, command, ...(await runCli(args)) });
        console.log(`  → ${rows.at(-1)!.outcome}`);
      }
  if (ONLY !== 'cli') {
    const dist = ensureBuild();
    server = await startServer(dist, PORT);
    for (const c of cases.filter((x) => x.browser)) {
      console.log(`browser: ${c.browser!.kind} ${c.input}`);
      rows.push({
        input: c.input,
        where: 'browser',
        ...(await runInBrowser(`http://127.0.0.1:${PORT}`, c.browser!, TIMEOUT_S, RSS_CAP_MB)),
      });
      console.log(`  → ${rows.at(-1)!.outcome}`);
    }
  }
  printTable();
  mkdirSync('bench-results', { recursive: true });
  const result = { scale: SCALE, sizes, timeoutS: TIMEOUT_S, rssCapMb: RSS_CAP_MB, maxOldSpaceMb: OLD_SPACE_MB, rows };
  writeFileSync('bench-results/robustness.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log('wrote bench-results/robustness.json');
} finally {
  server?.kill();
  if (!process.env.ROBUSTNESS_KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
