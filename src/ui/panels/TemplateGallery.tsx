import { useEffect, useMemo, useRef } from 'react';
import { analyzeGraph } from '../../model/analyze';
import { templateGraph, templates } from '../../model/templates';
import { actions } from '../../store/app-store';
import { withLayout } from '../canvas/auto-layout';

interface Props {
  onClose(): void;
}

/** One click loads a template; the card says what it is for and how big it is. */
export function TemplateGallery({ onClose }: Props) {
  const cards = useMemo(
    () =>
      templates.map((t) => {
        const graph = templateGraph(t.id);
        return { t, graph, params: analyzeGraph(graph).totals.total, layers: graph.nodes.length };
      }),
    [],
  );
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop" onPointerDown={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Templates"
        className="template-gallery"
        onPointerDown={(e) => e.stopPropagation()}
      >
        <header>
          <h2>Start from a template</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ✕
          </button>
        </header>
        <div className="template-grid">
          {cards.map(({ t, graph, params, layers }, i) => (
            <button
              key={t.id}
              ref={i === 0 ? first : undefined}
              type="button"
              className="template-card"
              aria-label={`Load template ${t.title}`}
              onClick={() => {
                onClose();
                void withLayout(graph).then((laid) => actions.loadGraph(laid, `Loaded “${t.title}”`));
              }}
            >
              <span className="template-task">{t.task}</span>
              <b>{t.title}</b>
              <span className="muted">{t.description}</span>
              <span className="template-stats">
                {layers} layers · {params.toLocaleString('en-US')} params
              </span>
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
