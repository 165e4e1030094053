import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { unzipSync } from 'fflate';

/** The GAN Train page's sample grid: the generator step it was drawn at. */
export const gridStep = async (page: Page) =>
  Number((await page.getByTestId('gan-grid').getAttribute('data-step')) ?? -1);

/** A downloaded export ZIP's files by path. */
export async function unzipDownload(download: Download): Promise<Record<string, Uint8Array>> {
  return unzipSync(new Uint8Array(await readFile((await download.path())!)));
}

/** The export's `web/` folder, as a static server would serve it. */
export function webFiles(zip: Record<string, Uint8Array>): Map<string, Uint8Array> {
  return new Map(
    Object.entries(zip)
      .filter(([p]) => p.startsWith('web/'))
      .map(([p, b]) => [p.slice(4), b]),
  );
}

/** The standalone page's generated grid: its pixels as a string key, and how far they are from one flat colour. */
export function canvasPixels(page: Page) {
  return page.locator('#gan-grid').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let min = 255;
    let max = 0;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) {
      min = Math.min(min, data[i]!);
      max = Math.max(max, data[i]!);
      sum = (sum * 31 + data[i]!) % 1_000_000_007;
    }
    return {
      width: canvas.width,
      height: canvas.height,
      spread: max - min,
      key: `${canvas.width}x${canvas.height}:${sum}`,
    };
  });
}
