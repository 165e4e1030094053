import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { appSession } from '../../session/app';
import { appStore, useAppStore } from '../../store/app-store';

/** Run, undo/redo, remove and fit, for the pipeline only (the layer graph keeps its own history). */
export function PipelineToolbar() {
  const running = useAppStore((s) => s.pipelineRunning);
  const canUndo = useAppStore((s) => s.pipelinePast.length > 0 || s.pipelineGestureStart !== null);
  const canRedo = useAppStore((s) => s.pipelineFuture.length > 0);
  const hasSelection = useAppStore((s) => s.selectedStageId !== null || s.selectedPipelineEdgeId !== null);
  const flow = useReactFlow();
  const s = () => appStore.getState();
  return (
    <div className="toolbar pipeline-toolbar" role="toolbar" aria-label="Pipeline tools">
      <button
        type="button"
        className="primary"
        onClick={() => s().requestPipelineRun()}
        disabled={running}
        aria-busy={running || undefined}
      >
        {running ? 'Running…' : 'Run pipeline'}
      </button>
      {running && (
        <button type="button" onClick={() => appSession().pipeline.cancel()} title="Stops the trial in progress and the pipeline run">
          Cancel
        </button>
      )}
      <span className="toolbar-sep" aria-hidden="true" />
      <button type="button" onClick={() => s().undoPipeline()} disabled={!canUndo} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" onClick={() => s().redoPipeline()} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
      <button
        type="button"
        onClick={() => s().removePipelineSelection()}
        disabled={!hasSelection}
        title="Remove the selected stage or connection (Delete)"
      >
        Remove
      </button>
      <button type="button" onClick={() => void flow.fitView({ padding: 0.15, duration: 200, maxZoom: 1 })}>
        Fit view
      </button>
      <span className="toolbar-hint muted">
        Double-click or <kbd>Enter</kbd> opens a stage
      </span>
    </div>
  );
}

/** Why a gesture was refused, or how a run ended: stays until dismissed (info fades after a while). */
export function PipelineMessageBar() {
  const message = useAppStore((s) => s.pipelineMessage);
  useEffect(() => {
    if (!message || message.kind === 'error') return;
    const t = setTimeout(() => appStore.getState().dismissPipelineMessage(), 8000);
    return () => clearTimeout(t);
  }, [message]);
  return (
    <div className="pipeline-message-slot" aria-live="polite">
      {message && (
        <div
          className={`pipeline-message is-${message.kind}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="pipeline-message"
        >
          <span>{message.text}</span>
          <button
            type="button"
            aria-label="Dismiss message"
            onClick={() => appStore.getState().dismissPipelineMessage()}
          >
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
