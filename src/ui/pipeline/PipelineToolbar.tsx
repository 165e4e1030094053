import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { STAGE_KINDS_INFO } from '../../pipeline/catalog';
import { stageById } from '../../pipeline/model';
import { appSession } from '../../session/app';
import { appStore, useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/types';
import { useCloseOnLeave } from '../panels/use-close-on-leave';

const REMOVE_TITLE = 'Remove the selected stage or connection (Delete)';
const dismissMessage = () => appStore.getState().dismissPipelineMessage();

/** Why the selected stage can't be removed (Scenario, Data, …), or null when Remove may proceed. */
function removeBlocker(s: AppState): string | null {
  if (s.selectedPipelineEdgeId !== null || s.selectedStageId === null) return null;
  const stage = stageById(s.pipeline, s.selectedStageId);
  return stage ? (STAGE_KINDS_INFO[stage.kind].keepReason?.(stage.name) ?? null) : null;
}

/** Run, undo/redo, remove and fit, for the pipeline only (the layer graph keeps its own history). */
export function PipelineToolbar() {
  const running = useAppStore((s) => s.pipelineRunning);
  const canUndo = useAppStore((s) => s.pipelinePast.length > 0 || s.pipelineGestureStart !== null);
  const canRedo = useAppStore((s) => s.pipelineFuture.length > 0);
  const hasSelection = useAppStore((s) => s.selectedStageId !== null || s.selectedPipelineEdgeId !== null);
  const removeBlocked = useAppStore(removeBlocker);
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
        disabled={!hasSelection || removeBlocked !== null}
        title={removeBlocked ?? REMOVE_TITLE}
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

/**
 * Why a gesture was refused, or how a run ended: an error stays until dismissed, info fades after a
 * while; both close on navigation and when another project opens.
 */
export function PipelineMessageBar() {
  const message = useAppStore((s) => s.pipelineMessage);
  useCloseOnLeave(dismissMessage);
  useEffect(() => {
    if (!message || message.kind === 'error') return;
    const t = setTimeout(dismissMessage, 8000);
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
            onClick={dismissMessage}
          >
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
