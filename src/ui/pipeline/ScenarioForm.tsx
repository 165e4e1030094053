import { DEFAULT_RULE, updateStageConfig } from '../../pipeline/model';
import { defaultOp, metricsForTask } from '../../pipeline/rule';
import { TEXT_MAX } from '../../pipeline/config-check';
import type { ScenarioTask, StageOf } from '../../pipeline/types';
import { appStore } from '../../store/app-store';
import { GestureTextArea } from './fields';
import { RuleEditor } from './RuleEditor';

/** Task type, description, business requirement and the success rule. */
export function ScenarioForm({ stage }: { stage: StageOf<'scenario'> }) {
  const { taskType, description, requirement, rule } = stage.config;
  const edit = (patch: Partial<StageOf<'scenario'>['config']>) =>
    appStore.getState().updatePipelineStageConfig(stage.id, 'scenario', patch, 'transient');
  const setTask = (task: ScenarioTask) => {
    // A rule on a metric the new task doesn't have moves along in the same undo step.
    const fits = metricsForTask(task).includes(rule.metric);
    const nextRule = fits
      ? rule
      : task === 'classification'
        ? DEFAULT_RULE
        : { metric: 'mae' as const, op: defaultOp('mae'), threshold: 0.1 };
    const s = appStore.getState();
    s.applyPipelineEdit(updateStageConfig(s.pipeline, stage.id, 'scenario', { taskType: task, rule: nextRule }));
  };
  return (
    <div className="stage-form">
      <label className="field">
        <span className="field-label">Task type</span>
        <select value={taskType} onChange={(e) => setTask(e.currentTarget.value as ScenarioTask)}>
          <option value="classification">Classification</option>
          <option value="regression">Regression</option>
        </select>
      </label>
      <GestureTextArea
        label="Description"
        value={description}
        max={TEXT_MAX}
        placeholder="What the model does, e.g. tell iris species apart from petal and sepal sizes"
        onEdit={(v) => edit({ description: v })}
      />
      <GestureTextArea
        label="Business requirement"
        value={requirement}
        max={TEXT_MAX}
        placeholder="Why it matters and what is good enough, e.g. at most 1 in 10 flowers mislabelled"
        onEdit={(v) => edit({ requirement: v })}
      />
      <RuleEditor />
    </div>
  );
}
