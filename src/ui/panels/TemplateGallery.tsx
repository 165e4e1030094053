import { useEffect, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import { analyzeGraph } from '../../model/analyze';
import type { Graph } from '../../model/graph';
import { GAN_TEMPLATES, dcganTemplate } from '../../model/gan-template';
import { fetchPublicFile, loadPretrainedTemplate } from '../../model/pretrained';
import { templateGraph, templates, type Template } from '../../model/templates';
import { actions, appStore } from '../../store/app-store';
import { withLayout } from '../canvas/auto-layout';
import { requestMeasuredLayout } from '../canvas/use-measured-layout';
import { DEFAULT_GAN_IMAGE, openDcgan } from './gan-template-action';
import { TemplatePreview } from './TemplatePreview';

interface Props {
  onClose(): void;
}

const publicBase = () => new URL(import.meta.env.BASE_URL, location.href).href;

/** Loads a template; one with pretrained weights fetches them first, so graph and weights arrive together. */
async function openTemplate(t: Template, graph: Graph): Promise<void> {
  try {
    const weights = t.weights ? (await loadPretrainedTemplate(t.id, fetchPublicFile(publicBase()))).weights : null;
    const laidOut = await withLayout(graph);
    requestMeasuredLayout();
    actions.loadTemplate(laidOut, t.title, weights);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    appStore.getState().notify(`Could not load the template “${t.title}”: ${why}`, 'error');
  }
}

/**
 * One click loads a template; the card says what it is for, the data it takes, how big it is,
 * and shows its graph. On document.body, so no toolbar or empty-state style reaches the cards.
 */
export function TemplateGallery({ onClose }: Props) {
  const cards = useMemo(
    () =>
      templates.map((t) => {
        const graph = templateGraph(t.id);
        const analysis = analyzeGraph(graph);
        return { t, graph, params: analysis.totals.total, frozen: analysis.frozenParams, layers: graph.nodes.length };
      }),
    [],
  );
  const gan = useMemo(() => {
    const dataset = appStore.getState().dataset;
    let graphs;
    try {
      graphs = dcganTemplate(dataset?.kind === 'image' ? dataset.inputShape : DEFAULT_GAN_IMAGE);
    } catch {
      // Images too small for the template: the card previews the default, and loading it says why.
      graphs = dcganTemplate(DEFAULT_GAN_IMAGE);
    }
    const params = analyzeGraph(graphs.generator).totals.total + analyzeGraph(graphs.discriminator).totals.total;
    return { graphs, params, layers: graphs.generator.nodes.length + graphs.discriminator.nodes.length };
  }, []);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return createPortal(
    <div className="modal-backdrop template-backdrop" onPointerDown={onClose}>
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
          {cards.map(({ t, graph, params, frozen, layers }, i) => (
            <button
              key={t.id}
              ref={i === 0 ? first : undefined}
              type="button"
              className="template-card"
              aria-label={`Load template ${t.title}`}
              onClick={() => {
                onClose();
                void openTemplate(t, graph);
              }}
            >
              <b className="template-title">{t.title}</b>
              <span className="template-task">{t.task}</span>
              <span className="template-description">{t.description}</span>
              <TemplatePreview graph={graph} />
              <span className="template-stats">
                {layers} layers · {params.toLocaleString('en-US')} params
                {t.weights ? ` · pretrained, ${frozen.toLocaleString('en-US')} frozen` : ''}
              </span>
            </button>
          ))}
          {GAN_TEMPLATES.map((t) => (
            <button
              key={t.id}
              type="button"
              className="template-card"
              aria-label={`Load template ${t.title}`}
              onClick={() => {
                onClose();
                void openDcgan();
              }}
            >
              <b className="template-title">{t.title}</b>
              <span className="template-task">{t.task}</span>
              <span className="template-description">{t.description}</span>
              <TemplatePreview graph={gan.graphs.generator} />
              <span className="template-stats">
                2 networks · {gan.layers} layers · {gan.params.toLocaleString('en-US')} params
              </span>
            </button>
          ))}
        </div>
      </div>
    </div>,
    document.body,
  );
}
