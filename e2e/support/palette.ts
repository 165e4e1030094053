import { expect, type Locator, type Page } from '@playwright/test';

/** A point on the page, in CSS pixels. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

async function centre(locator: Locator): Promise<Point> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Where `at` (relative to the target's top-left corner) lies on the page. */
async function pointIn(target: Locator, at: Point): Promise<Point> {
  const box = await target.boundingBox();
  if (!box) throw new Error('drop target not visible');
  return { x: box.x + at.x, y: box.y + at.y };
}

/** Drags `item` with the mouse and releases it at `at` inside `target`; returns the release point. */
export async function mouseDrag(page: Page, item: Locator, target: Locator, at: Point): Promise<Point> {
  const from = await centre(item);
  const to = await pointIn(target, at);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
  return to;
}

/**
 * The same drag with one finger. Playwright has no touch-drag API, so the touches go in through
 * the DevTools protocol: Chromium turns them into real touch input (pointerType 'touch'), exactly
 * as a phone's would be, rather than synthetic events a page could tell apart.
 */
export async function touchDrag(page: Page, item: Locator, target: Locator, at: Point): Promise<Point> {
  const from = await centre(item);
  const to = await pointIn(target, at);
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', p?: Point) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: p ? [{ x: p.x, y: p.y }] : [] });
  await touch('touchStart', from);
  const steps = 10;
  for (let i = 1; i <= steps; i++) {
    await touch('touchMove', { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps });
  }
  await touch('touchEnd');
  await cdp.detach();
  return to;
}

/** Asserts that `point` lies inside the element: a dropped node appears where it was let go. */
export async function expectUnder(element: Locator, point: Point) {
  const box = await element.boundingBox();
  expect(box, 'the dropped element is visible').not.toBeNull();
  expect(point.x).toBeGreaterThanOrEqual(box!.x);
  expect(point.x).toBeLessThanOrEqual(box!.x + box!.width);
  expect(point.y).toBeGreaterThanOrEqual(box!.y);
  expect(point.y).toBeLessThanOrEqual(box!.y + box!.height);
}

/** Records the pointerType of every pointerdown, so a test can show which input made a gesture. */
export async function recordPointerTypes(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __pointerTypes: string[] };
    w.__pointerTypes = [];
    window.addEventListener('pointerdown', (e) => w.__pointerTypes.push(e.pointerType), true);
  });
  return () => page.evaluate(() => (window as unknown as { __pointerTypes: string[] }).__pointerTypes);
}
