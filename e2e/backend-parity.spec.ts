import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { templates } from '../src/model/templates';
import { GAN_PARITY_IDS, type ParityRow } from '../src/training/backend-parity';

/**
 * Issue 18: every template, trained 2 SGD steps on one seeded batch of 2 samples in the real
 * train worker bundle, computes the same losses and gradients on WebGPU, WebGL and wasm as on
 * cpu. In CI Chromium's `--enable-unsafe-webgpu` gives real WebGPU and WebGL code paths on
 * SwiftShader. The worker answers the tests-only 'parity' message (src/worker/train-protocol.ts)
 * with src/training/backend-parity.ts's table.
 *
 * Tolerances, measured on SwiftShader (see src/training/README.md): the loss within LOSS_REL of
 * cpu's, and every gradient within GRAD_REL of the largest entry of cpu's gradient of that weight.
 */
const LOSS_REL = 1e-4;
const GRAD_REL = 1e-3;
const BACKENDS = ['webgpu', 'webgl', 'wasm'] as const;

/** The train worker's file in the build under test (its name carries a content hash; the newest, if a build outside the repo left old ones). */
function trainWorkerUrl(): string {
  const assets = resolve(import.meta.dirname, '..', process.env.E2E_DIST ?? 'dist', 'assets');
  const file = readdirSync(assets)
    .filter((f) => /^train\.worker-.*\.js$/.test(f))
    .sort((a, b) => statSync(resolve(assets, b)).mtimeMs - statSync(resolve(assets, a)).mtimeMs)[0];
  if (!file) throw new Error(`no train.worker-*.js in ${assets}`);
  return `/assets/${file}`;
}

const fmt = (x: number | undefined) => (x === undefined ? '—' : x.toExponential(1));

test('every template trains 2 small batches on WebGPU, WebGL and wasm with cpu’s losses and gradients', async ({
  page,
}) => {
  test.setTimeout(900_000);
  await page.goto('/');
  const url = trainWorkerUrl();
  await page.evaluate((workerUrl) => {
    (globalThis as { parityWorker?: Worker }).parityWorker = new Worker(workerUrl, { type: 'module' });
  }, url);
  const rows: ParityRow[] = [];
  // Every model template, and both networks of the DCGAN template.
  const ids = [...templates.map((t) => t.id), ...GAN_PARITY_IDS];
  for (const id of ids) {
    const answer = await page.evaluate(
      ({ id, backends }) =>
        new Promise<ParityRow[]>((resolve, reject) => {
          const worker = (globalThis as { parityWorker?: Worker }).parityWorker!;
          worker.onmessage = (e: MessageEvent<{ type: string; rows?: ParityRow[]; message?: string }>) => {
            if (e.data.type === 'parity') resolve(e.data.rows!);
            else if (e.data.type === 'error') reject(new Error(e.data.message));
          };
          worker.onerror = (e) => reject(new Error(e.message));
          worker.postMessage({ type: 'parity', templates: [id], backends });
        }),
      { id, backends: [...BACKENDS] },
    );
    rows.push(...answer);
  }
  const table = rows.map(
    (r) =>
      `${r.model.padEnd(18)} ${r.backend.padEnd(7)} loss ${r.losses?.map((l) => l.toFixed(5)).join(' → ') ?? '—'}  ` +
      `lossRel ${fmt(r.lossRel)}  gradRel ${fmt(r.gradRel)}  gradAbs ${fmt(r.gradAbs)}  ${r.ms ?? ''} ms  ${r.error ?? r.worst ?? ''}`,
  );
  console.log(table.join('\n'));
  // Every template on every backend: a missing kernel or failed step is named here, template × backend.
  expect(rows.filter((r) => r.error).map((r) => `${r.model} × ${r.backend}: ${r.error}`)).toEqual([]);
  expect(rows).toHaveLength(ids.length * (BACKENDS.length + 1));
  for (const r of rows) {
    expect(r.losses?.every(Number.isFinite), `${r.model} × ${r.backend} losses`).toBe(true);
    expect(r.lossRel, `${r.model} × ${r.backend} loss vs cpu`).toBeLessThanOrEqual(LOSS_REL);
    expect(r.gradRel, `${r.model} × ${r.backend} gradients vs cpu (worst: ${r.worst})`).toBeLessThanOrEqual(GRAD_REL);
  }
});
