// Frame times in Chromium while panning and dragging a node in a 300-node graph (target p95 ≤ 20 ms).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { newProject } from '../src/model/project';
import { bigGraph } from './big-graph';

const PORT = 4191;

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

async function frames(page: Page, gesture: () => Promise<void>): Promise<number[]> {
  // Strings, not functions: tsx would wrap a function with helpers the page does not have.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    const tick = (t) => { window.__frames.push(t); if (!window.__stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  await gesture();
  const stamps = (await page.evaluate('(window.__stop = true, window.__frames)')) as number[];
  return stamps.slice(1).map((t, i) => t - stamps[i]!);
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;

if (!existsSync('dist/index.html')) spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'inherit' });
const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
try {
  await new Promise((r) => setTimeout(r, 1500));
  const browser = await chromium.launch({ executablePath: browserPath(), args: ['--no-sandbox', '--disable-quic', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.goto(`http://127.0.0.1:${PORT}/#/model`);
  const graph = bigGraph(300);
  await page.getByTestId('import-input').setInputFiles({
    name: 'big.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(newProject('big', graph))),
  });
  await page.getByTestId('total-params').filter({ hasNotText: /^0 / }).waitFor();
  await page.waitForTimeout(1000);
  const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;

  const pan = await frames(page, async () => {
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height - 40);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) await page.mouse.move(canvas.x + canvas.width / 2 - i * 6, canvas.y + canvas.height - 40 - i * 3);
    await page.mouse.up();
  });
  const head = (await page.locator('.layer-node-head').nth(5).boundingBox())!;
  const drag = await frames(page, async () => {
    await page.mouse.move(head.x + 20, head.y + 5);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) await page.mouse.move(head.x + 20 + i * 4, head.y + 5 + i * 2);
    await page.mouse.up();
  });
  await browser.close();

  const result = {
    nodes: graph.nodes.length,
    pan: { frames: pan.length, p95_ms: +p95(pan).toFixed(1), max_ms: +Math.max(...pan).toFixed(1) },
    drag: { frames: drag.length, p95_ms: +p95(drag).toFixed(1), max_ms: +Math.max(...drag).toFixed(1) },
    target_p95_ms: 20,
  };
  console.log(`${result.nodes}-node graph in headless Chromium (software rendering)`);
  console.log(`pan:  ${result.pan.frames} frames, p95 ${result.pan.p95_ms} ms, max ${result.pan.max_ms} ms, ratio to target ${(result.pan.p95_ms / 20).toFixed(2)}`);
  console.log(`drag: ${result.drag.frames} frames, p95 ${result.drag.p95_ms} ms, max ${result.drag.max_ms} ms, ratio to target ${(result.drag.p95_ms / 20).toFixed(2)}`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/canvas-frames.json', JSON.stringify(result, null, 2));
} finally {
  server.kill();
}
