import { useEffect } from 'react';
import { stageById } from '../../pipeline/model';
import { appStore } from '../../store/app-store';
import { openStage } from './navigate';

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/**
 * Pipeline page shortcuts, active unless the user is typing: Delete/Backspace removes the
 * selected stage or edge, Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo pipeline edits, and
 * Enter on a focused stage opens its editor.
 */
export function usePipelineShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.defaultPrevented) return;
      const s = appStore.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      let handled = true;
      if (key === 'delete' || key === 'backspace') s.removePipelineSelection();
      else if (mod && key === 'z' && !e.shiftKey) s.undoPipeline();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) s.redoPipeline();
      else if (key === 'enter' && !mod) {
        const el =
          e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('.pipeline-canvas .react-flow__node') : null;
        const stage = el?.dataset.id ? stageById(s.pipeline, el.dataset.id) : undefined;
        if (stage) openStage(stage);
        else handled = false;
      } else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
