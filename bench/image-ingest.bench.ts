// Image ingestion throughput in headless Chromium: a ZIP of 10,000 small PNGs uploaded on the Data
// page, from setInputFiles to the prepared dataset (scan, thumbnails, decode at 32 × 32 RGB).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { zipSync } from 'fflate';
import { encodePng } from '../e2e/fixtures/tiny-png.mjs';

const PORT = 4193;
const IMAGES = Number(process.env.IMAGES ?? 10_000);
const CLASSES = ['circle', 'square', 'stripe', 'dot'];

function browserPath(): string | undefined {
  try {
    const cached = JSON.parse(readFileSync('node_modules/.cache/layerloom-browser.json', 'utf8')) as { executablePath: string | null };
    if (cached.executablePath && existsSync(cached.executablePath)) return cached.executablePath;
  } catch {
    // no record yet: fall through
  }
  if (existsSync(chromium.executablePath())) return undefined;
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
}

function makeZip(): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < IMAGES; i++) {
    const cls = CLASSES[i % CLASSES.length]!;
    const shade = (i * 37) % 200;
    files[`bench/${cls}/${i}.png`] = encodePng(28, 28, (x, y) => ((x + y + i) % 7 === 0 ? [shade, 255 - shade, 90, 255] : [20, 20, 20, 255]));
  }
  return zipSync(files, { level: 0 });
}

const zip = makeZip();
if (!existsSync('dist/index.html')) spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'inherit' });
const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
try {
  await new Promise((r) => setTimeout(r, 1500));
  const browser = await chromium.launch({ executablePath: browserPath(), args: ['--no-sandbox', '--disable-quic', '--no-first-run'] });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/#/data`);
  await page.getByTestId('data-file-input').waitFor({ state: 'attached' });
  const t0 = Date.now();
  await page.getByTestId('data-file-input').setInputFiles({ name: 'bench.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  await page.getByRole('button', { name: 'Use these images' }).waitFor({ timeout: 300_000 });
  const scanned = Date.now();
  await page.getByRole('button', { name: 'Use these images' }).click();
  await page.getByTestId('dataset-ready').waitFor({ timeout: 600_000 });
  const done = Date.now();
  const n = (await page.evaluate('window.__layerloom ? window.__layerloom.getState().dataset.train.n + window.__layerloom.getState().dataset.validation.n + window.__layerloom.getState().dataset.test.n : -1')) as number;
  await browser.close();
  const seconds = (done - t0) / 1000;
  const result = {
    images: IMAGES,
    imagesInDataset: n,
    zipBytes: zip.length,
    size: '28×28 PNG → 32×32 RGB',
    scanSeconds: +((scanned - t0) / 1000).toFixed(2),
    decodeSeconds: +((done - scanned) / 1000).toFixed(2),
    totalSeconds: +seconds.toFixed(2),
    imagesPerSecond: Math.round(IMAGES / seconds),
  };
  console.log(`${IMAGES} PNGs (${(zip.length / 1e6).toFixed(1)} MB ZIP): scan ${result.scanSeconds} s, decode ${result.decodeSeconds} s`);
  console.log(`upload to dataset ready: ${result.totalSeconds} s = ${result.imagesPerSecond} images/s (${n} in the dataset)`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/image-ingest.json', JSON.stringify(result, null, 2));
} finally {
  server.kill();
}
