import type { Locator, Page } from '@playwright/test';

/** A box on screen, in CSS pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export async function boxesOf(locator: Locator): Promise<Box[]> {
  return locator.evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
}

/** Index pairs of boxes that overlap by more than a hair. */
export function overlaps(boxes: readonly Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x + 0.5 < b.x + b.w && b.x + 0.5 < a.x + a.w && a.y + 0.5 < b.y + b.h && b.y + 0.5 < a.y + a.h) out.push(`${i}/${j}`);
    }
  return out;
}

/** Edges that run through a node: points along each drawn path, away from its ends, inside a node's box. */
export async function crossings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll('.react-flow__node')].map((n) => ({ id: n.getAttribute('data-id'), r: n.getBoundingClientRect() }));
    const hits: string[] = [];
    for (const path of document.querySelectorAll<SVGPathElement>('.react-flow__edge-path')) {
      const total = path.getTotalLength();
      const ctm = path.getScreenCTM();
      if (!ctm) continue;
      const scale = ctm.a;
      for (let at = 12 / scale; at < total - 12 / scale; at += 4 / scale) {
        const p = path.getPointAtLength(at).matrixTransform(ctm);
        const hit = nodes.find(({ r }) => p.x > r.left + 2 && p.x < r.right - 2 && p.y > r.top + 2 && p.y < r.bottom - 2);
        if (hit) {
          hits.push(`${path.closest('[data-id]')?.getAttribute('data-id') ?? '?'} crosses ${hit.id}`);
          break;
        }
      }
    }
    return hits;
  });
}

/** Every command the model toolbar offers: its visible buttons and, behind "More", its menu items. */
export async function toolbarNames(page: Page): Promise<string[]> {
  const bar = page.getByRole('toolbar', { name: 'Model tools' });
  const names: string[] = [];
  for (const b of await bar.getByRole('button').all()) {
    const name = (await b.innerText()).trim();
    if (!/^More/.test(name)) names.push(name);
  }
  const more = bar.getByRole('button', { name: /^More/ });
  if (await more.isVisible()) {
    await more.click();
    for (const item of await page.getByRole('menu').getByRole('menuitem').all()) names.push((await item.innerText()).trim());
    await page.keyboard.press('Escape');
  }
  return names;
}
