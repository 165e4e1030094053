import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { stageViews } from '../../pipeline/status';
import { useAppStore } from '../../store/app-store';
import { PipelineCanvas } from '../pipeline/PipelineCanvas';
import { PipelineMessageBar, PipelineToolbar } from '../pipeline/PipelineToolbar';
import { StageEditor } from '../pipeline/StageEditor';
import { StagePalette } from '../pipeline/StagePalette';
import { usePipelineShortcuts } from '../pipeline/use-pipeline-shortcuts';
import { usePipelineSnapshot } from '../pipeline/use-snapshot';
import '../editor.css';
import '../pipeline.css';

/** The pipeline flowchart: palette | toolbar + canvas | the selected stage's editor. */
export function PipelinePage() {
  const pipeline = useAppStore((s) => s.pipeline);
  const snapshot = usePipelineSnapshot();
  const views = useMemo(() => stageViews(pipeline, snapshot), [pipeline, snapshot]);
  usePipelineShortcuts();
  return (
    <ReactFlowProvider>
      <div className="pipeline-page editor">
        <aside className="sidebar">
          <StagePalette />
        </aside>
        <section className="editor-main" aria-label="Pipeline">
          <PipelineToolbar />
          <div className="canvas-area">
            <PipelineCanvas views={views} />
            <PipelineMessageBar />
          </div>
        </section>
        <aside className="editor-side pipeline-side" aria-label="Stage editor">
          <StageEditor views={views} />
        </aside>
      </div>
    </ReactFlowProvider>
  );
}
