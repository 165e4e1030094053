import { useReactFlow } from '@xyflow/react';
import { useRef, useState } from 'react';
import { actions, appStore, useAppStore } from '../../store/app-store';
import { layoutGraph, withLayout } from '../canvas/auto-layout';
import { setEdgeRoutes } from '../canvas/edge-routes';
import { measuredSizes, requestMeasuredLayout } from '../canvas/use-measured-layout';
import { dataUrlToBlob, renderGraphImage } from '../canvas/export-image';
import { openModelFiles, projectBlob } from '../canvas/model-files';
import { downloadBlob, safeFileName } from '../../session/download';
import type { LayerFlowNode } from '../nodes/LayerNode';
import { TemplateGallery } from './TemplateGallery';
import { MeasureRow, MoreMenu, useToolbarFit, type Tool } from './ToolbarOverflow';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

export async function openFilesIntoEditor(files: readonly File[]) {
  const s = appStore.getState();
  try {
    const opened = await openModelFiles(files);
    const graph = await withLayout(opened.graph);
    requestMeasuredLayout();
    actions.loadGraph(graph, `Opened “${opened.name}”: ${graph.nodes.length} layers${opened.weights ? ' with weights' : ''}`);
    // Weights of another graph must not linger: the opened model's own, or none.
    s.setInitialWeights(opened.weights ?? null, opened.weights ? opened.name : null);
    if (opened.warnings.length > 0) s.notify(opened.warnings.join(' '), 'info');
  } catch (err) {
    s.notify(err instanceof Error ? err.message : String(err), 'error');
  }
}

export function Toolbar() {
  const flow = useReactFlow<LayerFlowNode>();
  const canUndo = useAppStore((s) => s.past.length > 0);
  const canRedo = useAppStore((s) => s.future.length > 0);
  const empty = useAppStore((s) => s.graph.nodes.length === 0);
  const [gallery, setGallery] = useState(false);
  const [busy, setBusy] = useState(false);
  const [fileInput, setFileInput] = useState<HTMLInputElement | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  const measure = useRef<HTMLDivElement>(null);

  const autoLayout = async () => {
    setBusy(true);
    try {
      const { positions, routes } = await layoutGraph(appStore.getState().graph, measuredSizes(flow.getNodes()));
      actions.moveTo(positions);
      setEdgeRoutes(routes);
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
  // In order of importance: what does not fit goes, from the end, into "More".
  const tools: Tool[] = [
    { group: 0, label: 'Templates', run: () => setGallery(true) },
    { group: 0, label: 'Import…', title: 'Open a TensorFlow.js model.json (+ .bin files) or a Layerloom project', run: () => fileInput?.click() },
    { group: 1, label: 'Undo', title: `Undo (${mod}+Z)`, disabled: !canUndo, run: () => appStore.getState().undo() },
    { group: 1, label: 'Redo', title: `Redo (${mod}+Shift+Z)`, disabled: !canRedo, run: () => appStore.getState().redo() },
    { group: 1, label: 'Auto layout', title: 'Arrange the layers top to bottom', disabled: empty || busy, run: () => void autoLayout() },
    { group: 1, label: 'Fit view', disabled: empty, run: () => appStore.getState().requestFit() },
    {
      group: 2,
      label: 'Export JSON',
      disabled: empty,
      run: () => downloadBlob(projectBlob('model', appStore.getState().graph), `${safeFileName('layerloom-model')}.json`),
    },
    { group: 2, label: 'Export PNG', disabled: empty, run: () => void exportImage('png') },
    { group: 2, label: 'Export SVG', disabled: empty, run: () => void exportImage('svg') },
  ];
  const hint = (
    <>
      <kbd>/</kbd> add layer
    </>
  );
  const fit = useToolbarFit(bar, measure, tools.length);
  const shown = tools.slice(0, fit.tools);
  const rest = tools.slice(fit.tools);

  return (
    <div className="toolbar" role="toolbar" aria-label="Model tools" ref={bar}>
      {shown.map((t, i) => (
        <span key={t.label} className="toolbar-item">
          {i > 0 && shown[i - 1]!.group !== t.group && <span className="toolbar-sep" />}
          <button type="button" onClick={t.run} disabled={t.disabled} title={t.title}>
            {t.label}
          </button>
        </span>
      ))}
      {rest.length > 0 && <MoreMenu tools={rest} note={fit.hint ? undefined : hint} />}
      {fit.hint && <span className="toolbar-hint muted">{hint}</span>}
      <input
        ref={setFileInput}
        type="file"
        accept=".json,.bin,application/json"
        multiple
        hidden
        data-testid="import-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void openFilesIntoEditor(files);
        }}
      />
      <MeasureRow tools={tools} hint={hint} rowRef={measure} />
      {gallery && <TemplateGallery onClose={() => setGallery(false)} />}
    </div>
  );
}
