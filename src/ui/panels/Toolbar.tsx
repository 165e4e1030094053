import { useReactFlow } from '@xyflow/react';
import { useRef, useState } from 'react';
import { actions, appStore, useAppStore } from '../../store/app-store';
import { layoutGraph, withLayout, type Size } from '../canvas/auto-layout';
import { dataUrlToBlob, renderGraphImage } from '../canvas/export-image';
import { openModelFiles, projectBlob } from '../canvas/model-files';
import { downloadBlob, safeFileName } from '../../session/download';
import { TemplateGallery } from './TemplateGallery';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

/** Measured node sizes so the layout leaves real gaps between real boxes. */
function useMeasuredSizes() {
  const flow = useReactFlow();
  return () => {
    const sizes = new Map<string, Size>();
    for (const n of flow.getNodes()) if (n.measured?.width && n.measured.height) sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
    return sizes;
  };
}

export async function openFilesIntoEditor(files: readonly File[], sizes: Map<string, Size> = new Map()) {
  const s = appStore.getState();
  try {
    const opened = await openModelFiles(files);
    const graph = await withLayout(opened.graph, sizes);
    actions.loadGraph(graph, `Opened “${opened.name}”: ${graph.nodes.length} layers${opened.weights ? ' with weights' : ''}`);
    // Weights of another graph must not linger: the opened model's own, or none.
    s.setInitialWeights(opened.weights ?? null, opened.weights ? opened.name : null);
    if (opened.warnings.length > 0) s.notify(opened.warnings.join(' '), 'info');
  } catch (err) {
    s.notify(err instanceof Error ? err.message : String(err), 'error');
  }
}

export function Toolbar() {
  const flow = useReactFlow();
  const canUndo = useAppStore((s) => s.past.length > 0);
  const canRedo = useAppStore((s) => s.future.length > 0);
  const empty = useAppStore((s) => s.graph.nodes.length === 0);
  const [gallery, setGallery] = useState(false);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const sizes = useMeasuredSizes();

  const autoLayout = async () => {
    setBusy(true);
    try {
      const positions = await layoutGraph(appStore.getState().graph, sizes());
      actions.moveTo(positions);
      appStore.getState().requestFit();
    } finally {
      setBusy(false);
    }
  };
  const exportImage = async (format: 'png' | 'svg') => {
    try {
      const url = await renderGraphImage(flow.getNodes(), format);
      downloadBlob(await dataUrlToBlob(url), `layerloom-model.${format}`);
    } catch (err) {
      appStore.getState().notify(`Could not export the picture: ${(err as Error).message}`, 'error');
    }
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Model tools">
      <button type="button" onClick={() => setGallery(true)}>
        Templates
      </button>
      <button type="button" onClick={() => fileInput.current?.click()} title="Open a TensorFlow.js model.json (+ .bin files) or a Layerloom project">
        Import…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,.bin,application/json"
        multiple
        hidden
        data-testid="import-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void openFilesIntoEditor(files, sizes());
        }}
      />
      <span className="toolbar-sep" />
      <button type="button" onClick={() => appStore.getState().undo()} disabled={!canUndo} title={`Undo (${mod}+Z)`}>
        Undo
      </button>
      <button type="button" onClick={() => appStore.getState().redo()} disabled={!canRedo} title={`Redo (${mod}+Shift+Z)`}>
        Redo
      </button>
      <button type="button" onClick={() => void autoLayout()} disabled={empty || busy} title="Arrange the layers left to right">
        Auto layout
      </button>
      <button type="button" onClick={() => void flow.fitView({ padding: 0.15, duration: 200, maxZoom: 1.2 })} disabled={empty}>
        Fit view
      </button>
      <span className="toolbar-sep" />
      <button type="button" disabled={empty} onClick={() => downloadBlob(projectBlob('model', appStore.getState().graph), `${safeFileName('layerloom-model')}.json`)}>
        Export JSON
      </button>
      <button type="button" disabled={empty} onClick={() => void exportImage('png')}>
        Export PNG
      </button>
      <button type="button" disabled={empty} onClick={() => void exportImage('svg')}>
        Export SVG
      </button>
      <span className="toolbar-hint muted">
        <kbd>/</kbd> add layer
      </span>
      {gallery && <TemplateGallery onClose={() => setGallery(false)} />}
    </div>
  );
}
