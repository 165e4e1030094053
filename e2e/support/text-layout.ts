import type { Page } from '@playwright/test';

/**
 * Text that a person cannot read in full, inside the elements `selector` matches:
 * - `overlap`: two runs of text (each element's own text nodes, line by line; an icon-only control's
 *   box) cover each other;
 * - `clipped`: a line of text reaches past an ancestor that hides its overflow (or past the window),
 *   with no ellipsis or line clamp to say that it was cut on purpose, and no scroller to reach it.
 * Boxes only, no pixels: each problem is one line naming the texts and where they are.
 * `pannable`: boxes the user pans like a scroller (the React Flow canvas): what they hide is not cut off.
 */
export function textLayoutProblems(page: Page, selector: string, pannable = ''): Promise<string[]> {
  return page.evaluate(
    ([sel, pan]) => {
      type Rect = { l: number; t: number; r: number; b: number };
      interface Run {
        el: Element;
        text: string;
        lines: Rect[];
      }
      /** Lines closer than this are touching, not overlapping: content boxes of tight line-heights meet. */
      const SLACK = 2.5;
      const cut = (s: string) => {
        const t = s.replace(/\s+/g, ' ').trim();
        return t.length > 40 ? `${t.slice(0, 39)}…` : t;
      };
      const name = (el: Element) =>
        el.tagName.toLowerCase() + (el.classList.length ? `.${[...el.classList].slice(0, 2).join('.')}` : '');
      const rectOf = (r: DOMRect): Rect => ({ l: r.left, t: r.top, r: r.right, b: r.bottom });

      /** Each element's own text, with the screen boxes of its lines. */
      const runs = new Map<Element, Run>();
      const range = document.createRange();
      for (const root of document.querySelectorAll(sel)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const el = node.parentElement;
          const text = node.textContent ?? '';
          if (!el || !text.trim()) continue;
          if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
          const own = el.getBoundingClientRect();
          if (own.width <= 2 || own.height <= 2) continue; // visually hidden: for screen readers only
          let lines: Rect[];
          if (el instanceof SVGElement) lines = [rectOf(own)];
          else {
            range.selectNodeContents(node);
            lines = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5).map(rectOf);
          }
          if (lines.length === 0) continue;
          const run = runs.get(el) ?? { el, text: '', lines: [] };
          run.text += text;
          run.lines.push(...lines);
          runs.set(el, run);
        }
        // An icon-only control (the theme toggle) reads as its label: its whole box counts as its text.
        for (const el of root.querySelectorAll('button, a[href], [role="button"]')) {
          const label = el.getAttribute('aria-label') ?? '';
          if (el.textContent?.trim() || !label || !el.checkVisibility({ visibilityProperty: true })) continue;
          runs.set(el, { el, text: `[${label}]`, lines: [rectOf(el.getBoundingClientRect())] });
        }
      }
      const all = [...runs.values()];
      const problems: string[] = [];

      const hides = (v: string) => v === 'hidden' || v === 'clip';
      const scrolls = (v: string) => v === 'auto' || v === 'scroll';
      /** What cuts the run off (if anything), and its lines as far as they show through every clipping box. */
      const inspect = (run: Run) => {
        const view = { l: -Infinity, t: -Infinity, r: Infinity, b: Infinity };
        let x = true; // this axis can still be cut: no scroller below has taken it over
        let y = true;
        let onPurpose = false;
        let cutBy: Element | 'window' | null = null;
        // Only containing blocks clip: a fixed box (a dialog) escapes every ancestor but a transformed one.
        let escape: 'none' | 'absolute' | 'fixed' = 'none';
        for (let a: Element | null = run.el; a; a = a.parentElement) {
          const cs = getComputedStyle(a);
          const transformed =
            cs.transform !== 'none' || cs.filter !== 'none' || /paint|layout|strict|content/.test(cs.contain);
          if (escape === 'fixed' && !transformed) continue;
          if (escape === 'absolute' && cs.position === 'static' && !transformed) continue;
          escape = cs.position === 'fixed' ? 'fixed' : cs.position === 'absolute' ? 'absolute' : 'none';
          // Cut on purpose, with a mark that says so (the element's title holds the whole text).
          if (cs.textOverflow === 'ellipsis' || (cs.getPropertyValue('-webkit-line-clamp') || 'none') !== 'none')
            onPurpose = true;
          if (pan !== '' && a.matches(pan)) x = y = false;
          // An element that is not a box (inline) clips nothing.
          if (a.clientWidth === 0 && a.clientHeight === 0) continue;
          const box = a.getBoundingClientRect();
          const l = box.left + a.clientLeft;
          const t = box.top + a.clientTop;
          const inner = { l, t, r: l + a.clientWidth, b: t + a.clientHeight };
          const pastX = run.lines.some((p) => p.l < inner.l - 1 || p.r > inner.r + 1);
          const pastY = run.lines.some((p) => p.t < inner.t - 1 || p.b > inner.b + 1);
          if (!onPurpose && !cutBy && ((x && hides(cs.overflowX) && pastX) || (y && hides(cs.overflowY) && pastY)))
            cutBy = a;
          if (cs.overflowX !== 'visible')
            Object.assign(view, { l: Math.max(view.l, inner.l), r: Math.min(view.r, inner.r) });
          if (cs.overflowY !== 'visible')
            Object.assign(view, { t: Math.max(view.t, inner.t), b: Math.min(view.b, inner.b) });
          if (scrolls(cs.overflowX)) x = false;
          if (scrolls(cs.overflowY)) y = false;
        }
        if (!onPurpose && !cutBy && x && run.lines.some((p) => p.l < -1 || p.r > innerWidth + 1)) cutBy = 'window';
        const visible = run.lines
          .map((p) => ({
            l: Math.max(p.l, view.l),
            t: Math.max(p.t, view.t),
            r: Math.min(p.r, view.r),
            b: Math.min(p.b, view.b),
          }))
          .filter((p) => p.r - p.l > 0.5 && p.b - p.t > 0.5);
        return { run, cutBy, visible };
      };
      const seen = all.map(inspect);

      for (const { run, cutBy } of seen)
        if (cutBy)
          problems.push(
            `clipped: “${cut(run.text)}” (${name(run.el)}) by ${cutBy === 'window' ? 'the window' : name(cutBy)}`,
          );
      // Overlaps among what shows: a line scrolled out of its box does not cover the text beside the box.
      for (let i = 0; i < seen.length; i++)
        for (let j = i + 1; j < seen.length; j++) {
          const a = seen[i]!;
          const b = seen[j]!;
          const hit = a.visible.some((p) =>
            b.visible.some(
              (q) => Math.min(p.r, q.r) - Math.max(p.l, q.l) > SLACK && Math.min(p.b, q.b) - Math.max(p.t, q.t) > SLACK,
            ),
          );
          if (hit)
            problems.push(
              `overlap: “${cut(a.run.text)}” (${name(a.run.el)}) and “${cut(b.run.text)}” (${name(b.run.el)})`,
            );
        }
      return problems;
    },
    [selector, pannable] as const,
  );
}
