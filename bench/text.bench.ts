// Training tokens/s and memory (tensors held, wasm heap high-water mark) for each text template (text-classifier, text-transformer, lstm-text, char-gpt) through the app's TrainerSession on wasm in Node, 1 thread; per-kernel table with TEXT_PROFILE=1.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { setupWasm, wasmFeatures, wasmLabel } from '../src/training/backend-wasm';
import { measureText, profileSteps, textSizes, textSpec, type KernelTime, type TextWorkload } from './text-workloads';

// Env: TEXT_TEMPLATES=a,b (default: all four), TEXT_ROWS (windows per epoch, default 512),
// TEXT_BATCH (default 32), TEXT_PROFILE=1 (also one step by kernel per template).
const TEMPLATES = (process.env.TEXT_TEMPLATES ?? 'text-classifier,text-transformer,lstm-text,char-gpt').split(',');
const ROWS = Number(process.env.TEXT_ROWS ?? 512);
const BATCH = Number(process.env.TEXT_BATCH ?? 32);
const PROFILE = process.env.TEXT_PROFILE === '1';

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

function printKernels(template: string, kernels: KernelTime[]): void {
  const total = kernels.reduce((s, k) => s + k.ms, 0);
  console.log(`\n${template}: one step by kernel (tf.profile, mean of 5 steps), ${total.toFixed(1)} ms in kernels`);
  console.log(`${'kernel'.padEnd(28)}${'ms'.padStart(9)}${'share'.padStart(8)}${'calls'.padStart(7)}`);
  for (const k of kernels.slice(0, 14)) {
    const share = `${((100 * k.ms) / total).toFixed(1)}%`;
    console.log(
      `${k.kernel.padEnd(28)}${k.ms.toFixed(2).padStart(9)}${share.padStart(8)}${String(k.calls).padStart(7)}`,
    );
  }
}

async function main(): Promise<void> {
  tf.enableProdMode();
  await setupWasm({ threads: 1 });
  await tf.setBackend('wasm');
  await tf.ready();
  console.log(
    `wasm: ${wasmLabel(await wasmFeatures())}; Node ${process.version}; batch ${BATCH}, Adam 0.001, ${ROWS} windows per epoch, median of 3 epochs after a warm-up.`,
  );
  console.log(
    `${'template'.padEnd(18)}${'seqLen'.padStart(7)}${'vocab'.padStart(7)}${'samples/s'.padStart(11)}${'tokens/s'.padStart(10)}${'tensor MiB'.padStart(12)}${'heap MiB'.padStart(10)}`,
  );
  const results: Record<string, unknown> = {};
  const profiles: Array<[string, KernelTime[]]> = [];
  for (const template of TEMPLATES) {
    const w: TextWorkload = { template, rows: ROWS, batch: BATCH };
    const { seqLen, vocab } = textSizes(textSpec(w).graph);
    const r = await measureText(w);
    results[template] = { seqLen, vocab, ...r };
    console.log(
      `${template.padEnd(18)}${String(seqLen).padStart(7)}${String(vocab).padStart(7)}${r.samplesPerSec.toFixed(0).padStart(11)}` +
        `${r.tokensPerSec.toFixed(0).padStart(10)}${mib(r.peakTensorBytes).padStart(12)}` +
        `${(r.wasmHeapBytes === null ? '—' : mib(r.wasmHeapBytes)).padStart(10)}`,
    );
    if (PROFILE) profiles.push([template, await profileSteps(textSpec(w))]);
  }
  console.log(
    'tensor MiB: most bytes of tensors held between epochs; heap MiB: the wasm heap after the template trained (it only grows, so it is the high-water mark of this process so far).',
  );
  for (const [template, kernels] of profiles) printKernels(template, kernels);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/text.json',
    `${JSON.stringify({ rows: ROWS, batch: BATCH, results, profiles }, null, 2)}\n`,
  );
}

await main();
