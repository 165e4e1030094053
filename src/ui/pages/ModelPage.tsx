import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useState, type DragEvent } from 'react';
import { useAppStore } from '../../store/app-store';
import { GraphCanvas } from '../canvas/GraphCanvas';
import { GanErrorPanel } from '../gan/GanErrorPanel';
import { GanTabs } from '../gan/GanTabs';
import '../gan/gan.css';
import { ErrorPanel } from '../panels/ErrorPanel';
import { Inspector } from '../panels/Inspector';
import { LayerPalette } from '../panels/LayerPalette';
import { NoticeToast } from '../panels/NoticeToast';
import { QuickAdd } from '../panels/QuickAdd';
import { SummaryBar } from '../panels/SummaryBar';
import { TemplateGallery } from '../panels/TemplateGallery';
import { openFilesIntoEditor, Toolbar } from '../panels/Toolbar';
import '../editor.css';

function EmptyState() {
  const [gallery, setGallery] = useState(false);
  return (
    <div className="empty-state canvas-empty">
      <svg className="empty-state-art" viewBox="0 0 120 72" aria-hidden="true">
        <rect x="6" y="28" width="28" height="16" rx="4" />
        <rect x="46" y="10" width="28" height="16" rx="4" />
        <rect x="46" y="46" width="28" height="16" rx="4" />
        <rect x="86" y="28" width="28" height="16" rx="4" />
        <path d="M34 36 C40 36 40 18 46 18 M34 36 C40 36 40 54 46 54 M74 18 C80 18 80 36 86 36 M74 54 C80 54 80 36 86 36" />
      </svg>
      <h2>Build a model from layers</h2>
      <p>
        Drag layers from the palette onto the canvas and connect them, press <kbd>/</kbd> to add one by name, or drop a{' '}
        <code>model.json</code> here.
      </p>
      <button type="button" className="primary" onClick={() => setGallery(true)}>
        Start from a template
      </button>
      {gallery && <TemplateGallery onClose={() => setGallery(false)} />}
    </div>
  );
}

/** The graph editor: palette | toolbar + canvas + summary | inspector + problems. */
export function ModelPage() {
  const empty = useAppStore((s) => s.graph.nodes.length === 0);
  const isGan = useAppStore((s) => s.gan !== null);
  const [dropping, setDropping] = useState(false);
  const onDrop = (e: DragEvent) => {
    if (e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    setDropping(false);
    void openFilesIntoEditor([...e.dataTransfer.files]);
  };
  return (
    <ReactFlowProvider>
      <div className="model-page editor">
        <aside className="sidebar">
          <LayerPalette />
        </aside>
        <section className={`editor-main${isGan ? ' has-gan-tabs' : ''}`} aria-label="Model canvas">
          <Toolbar />
          {isGan && <GanTabs />}
          <div
            className={`canvas-area${dropping ? ' is-dropping' : ''}`}
            onDragOver={(e) => {
              if (e.dataTransfer.types.includes('Files')) {
                e.preventDefault();
                setDropping(true);
              }
            }}
            onDragLeave={() => setDropping(false)}
            onDrop={onDrop}
          >
            <GraphCanvas />
            {empty && !isGan && <EmptyState />}
          </div>
          <SummaryBar />
        </section>
        <aside className="editor-side">
          <Inspector />
          {isGan ? <GanErrorPanel /> : <ErrorPanel />}
        </aside>
        <QuickAdd />
        <NoticeToast />
      </div>
    </ReactFlowProvider>
  );
}
