import { useEffect } from 'react';
import { actions, appStore } from '../../store/app-store';

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/**
 * Editing shortcuts, active unless the user is typing in a field: Delete/Backspace, Ctrl+Z,
 * Ctrl+Shift+Z / Ctrl+Y, Ctrl+C/V/D, Ctrl+A, `/` or Ctrl+K for quick-add, Ctrl+G make block and
 * Ctrl+Shift+G expand block (the browser's find-next, which the canvas has no use for).
 */
export function useCanvasShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.defaultPrevented) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const s = appStore.getState();
      let handled = true;
      if (key === 'delete' || key === 'backspace') actions.deleteSelection();
      else if (mod && key === 'z' && !e.shiftKey) s.undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) s.redo();
      else if (mod && key === 'c') actions.copySelection();
      else if (mod && key === 'v') actions.paste();
      else if (mod && key === 'd') actions.duplicate();
      else if (mod && key === 'a') s.select(s.graph.nodes.map((n) => n.id));
      else if (mod && key === 'g' && !e.shiftKey) actions.makeBlock();
      else if (mod && key === 'g' && e.shiftKey) actions.expandBlock();
      else if ((mod && key === 'k') || (!mod && key === '/')) s.setQuickAdd(true);
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
