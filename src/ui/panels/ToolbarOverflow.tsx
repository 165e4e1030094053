import { useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

export interface Tool {
  label: string;
  title?: string;
  disabled?: boolean;
  /** Tools of one group sit between separators. */
  group: number;
  run(): void;
}

const GAP = 4;

/**
 * How many tools fit in the toolbar, in order, leaving room for the "More" button when some do
 * not, and whether the keyboard hint fits after them all. Measured on a hidden copy of the row
 * (`MeasureRow`), again whenever the toolbar is resized.
 */
export function useToolbarFit(bar: RefObject<HTMLElement | null>, measure: RefObject<HTMLElement | null>, count: number) {
  const [fit, setFit] = useState({ tools: count, hint: true });
  useLayoutEffect(() => {
    const el = bar.current;
    const row = measure.current;
    if (!el || !row) return;
    const update = () => {
      const style = getComputedStyle(el);
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const right = (i: number) => {
        const c = row.querySelector<HTMLElement>(`[data-tool="${i}"]`);
        return c ? c.offsetLeft + c.offsetWidth : 0;
      };
      const width = (sel: string) => row.querySelector<HTMLElement>(sel)?.offsetWidth ?? 0;
      const more = width('[data-more]');
      let tools = count;
      while (tools > 0 && right(tools - 1) + (tools < count ? GAP + more : 0) > room) tools--;
      const hint = tools === count && right(count - 1) + GAP * 3 + width('[data-hint]') <= room;
      setFit((f) => (f.tools === tools && f.hint === hint ? f : { tools, hint }));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [bar, measure, count]);
  return fit;
}

/** The row with every tool, hidden, for measuring: the same buttons and separators as the real one. */
export function MeasureRow({ tools, hint, rowRef }: { tools: readonly Tool[]; hint: ReactNode; rowRef: RefObject<HTMLDivElement | null> }) {
  return (
    <div className="toolbar-measure" ref={rowRef} aria-hidden="true" inert>
      {tools.map((t, i) => (
        <span key={t.label} className="toolbar-item" data-tool={i}>
          {i > 0 && tools[i - 1]!.group !== t.group && <span className="toolbar-sep" />}
          <button type="button" tabIndex={-1}>
            {t.label}
          </button>
        </span>
      ))}
      <button type="button" tabIndex={-1} data-more>
        More ▾
      </button>
      <span className="toolbar-hint muted" data-hint>
        {hint}
      </span>
    </div>
  );
}

/** "More ▾": the tools that did not fit, as a menu. Enter, Space or ↓ open it on the first item; ↑/↓ move; Escape closes. */
export function MoreMenu({ tools, note }: { tools: readonly Tool[]; note?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const away = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  const onMenuKey = (e: React.KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape' || e.key === 'Tab') close(e.key === 'Escape');
    else if (e.key === 'ArrowDown') list[(at + 1) % list.length]?.focus();
    else if (e.key === 'ArrowUp') list[(at - 1 + list.length) % list.length]?.focus();
    else if (e.key === 'Home') list[0]?.focus();
    else if (e.key === 'End') list[list.length - 1]?.focus();
    else return;
    if (e.key !== 'Tab') e.preventDefault();
  };
  return (
    <span className="toolbar-more">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        More ▾
      </button>
      {open && (
        <div ref={menu} role="menu" aria-label="More model tools" className="toolbar-menu" onKeyDown={onMenuKey}>
          {tools.map((t) => (
            <button
              key={t.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              disabled={t.disabled}
              title={t.title}
              onClick={() => {
                close(true);
                t.run();
              }}
            >
              {t.label}
            </button>
          ))}
          {note && <p className="toolbar-menu-note muted">{note}</p>}
        </div>
      )}
    </span>
  );
}
