import { kindLabel, STAGE_KINDS_INFO } from '../../pipeline/catalog';
import { NOTES_MAX } from '../../pipeline/config-check';
import { renameStage, stageById } from '../../pipeline/model';
import { showsStatus, STATUS_LABEL, type StageView } from '../../pipeline/status';
import type { Stage } from '../../pipeline/types';
import { appStore, useAppStore } from '../../store/app-store';
import { CommitField, GestureTextArea } from './fields';
import { HpSearchForm } from './HpSearchForm';
import { stageHref } from './navigate';
import { RuleEditor } from './RuleEditor';
import { ScenarioForm } from './ScenarioForm';
import { STATUS_ICON } from './StageNode';
import { SuggestionList } from './SuggestionList';

const PAGE_LABEL: Readonly<Record<string, string>> = {
  data: 'Data',
  model: 'Model',
  train: 'Train',
  evaluate: 'Evaluate',
  deploy: 'Deploy',
};

function KindForm({ stage }: { stage: Stage }) {
  switch (stage.kind) {
    case 'scenario':
      return <ScenarioForm stage={stage} />;
    case 'evaluate':
      return <RuleEditor />;
    case 'hpsearch':
      return <HpSearchForm stage={stage} />;
    case 'optimize':
      return <SuggestionList />;
    case 'notes':
      return (
        <GestureTextArea
          label="Note"
          value={stage.config.text}
          max={NOTES_MAX}
          rows={8}
          placeholder="Decisions, sources, to-dos…"
          onEdit={(text) => appStore.getState().updatePipelineStageConfig(stage.id, 'notes', { text }, 'transient')}
        />
      );
    default:
      return null;
  }
}

function Overview() {
  const last = useAppStore((s) => s.lastPipelineRun);
  return (
    <div className="stage-editor">
      <header>
        <h2>Pipeline</h2>
        <p className="muted">
          Select a stage to edit it. Double-click a stage (or focus it and press Enter) to open its page.
        </p>
      </header>
      {last && <p className={`run-result is-${last.outcome}`}>{last.message}</p>}
      <SuggestionList />
    </div>
  );
}

/** The side panel: the selected stage's name, status and settings. */
export function StageEditor({ views }: { views: Readonly<Record<string, StageView>> }) {
  const stage = useAppStore((s) => (s.selectedStageId ? stageById(s.pipeline, s.selectedStageId) : undefined));
  if (!stage) return <Overview />;
  const info = STAGE_KINDS_INFO[stage.kind];
  const view = views[stage.id];
  const href = stageHref(stage);
  const keep = info.keepReason?.(stage.name) ?? null;
  return (
    <section className="stage-editor" aria-label={`${stage.name} settings`} key={stage.id}>
      <header>
        <h2>{stage.name}</h2>
        <p className="muted">
          {kindLabel(stage.kind)} stage
          {view && showsStatus(stage) && (
            <span className="stage-status" data-status={view.status}>
              <span aria-hidden="true"> {STATUS_ICON[view.status]} </span>
              {STATUS_LABEL[view.status]}
            </span>
          )}
        </p>
      </header>
      {view && showsStatus(stage) && <p className="stage-editor-summary">{view.summary}</p>}
      <p className="muted">{info.blurb}</p>
      {href && (
        <a className="button-link" href={href}>
          Open the {PAGE_LABEL[href.slice(2)] ?? href.slice(2)} page
        </a>
      )}
      <CommitField
        label="Name"
        value={stage.name}
        onCommit={(name) => {
          const s = appStore.getState();
          const r = renameStage(s.pipeline, stage.id, name);
          if (!r.ok) return r.reason;
          s.applyPipelineEdit(r);
          return null;
        }}
      />
      <KindForm stage={stage} />
      {keep ? (
        <p className="muted stage-keep">{keep}</p>
      ) : (
        <button
          type="button"
          className="danger-button"
          onClick={() => appStore.getState().removePipelineStage(stage.id)}
        >
          Remove stage
        </button>
      )}
    </section>
  );
}
