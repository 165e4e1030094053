import { kindLabel, STAGE_KINDS_INFO } from './catalog';
import { configProblem } from './config-check';
import { connect, disconnect } from './edges';
import { edgeId, makeStage, NAME_MAX, stageById, stageOfKind } from './stages';
import type {
  ConfigByKind,
  DecisionRule,
  Pipeline,
  PipelineEdit,
  Position,
  ScenarioConfig,
  Stage,
  StageKind,
} from './types';

/**
 * Pure edits of the pipeline. Each returns a new pipeline or a refusal with a sentence a person
 * can act on, so the store keeps history by reference and the UI can say why a gesture failed.
 * The stage and edge helpers are re-exported so callers have one module to import.
 */
export { connect, connectionProblem, disconnect, flowProblems, type FlowProblem } from './edges';
export { DEFAULT_RULE, defaultConfig, defaultPipeline, NAME_MAX, pipelineRule, stageById, stageOfKind } from './stages';

function freshId(p: Pipeline, kind: StageKind): string {
  const taken = new Set(p.stages.map((s) => s.id));
  let n = 1;
  while (taken.has(`${kind}-${n}`)) n++;
  return `${kind}-${n}`;
}

function freshName(p: Pipeline, kind: StageKind): string {
  const taken = new Set(p.stages.map((s) => s.name));
  const base = kindLabel(kind);
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/** Splices `id` into the edge `from → to` when that edge exists. */
function spliceInto(p: Pipeline, from: string | undefined, to: string | undefined, id: string): Pipeline {
  if (!from || !to || !p.edges.some((e) => e.source === from && e.target === to)) return p;
  const cut = disconnect(p, edgeId(from, to));
  const a = connect(cut, from, id);
  const b = a.ok ? connect(a.pipeline, id, to) : a;
  return b.ok ? b.pipeline : p;
}

/** Wires a new stage where it belongs: Preprocess/Augment before Model, a search before Train, Optimize after Evaluate. */
function wireNew(p: Pipeline, stage: Stage): Pipeline {
  const id = (kind: StageKind) => stageOfKind(p, kind)?.id;
  switch (stage.kind) {
    case 'preprocess':
    case 'augment': {
      const model = id('model');
      const feeder = p.edges.find(
        (e) => e.target === model && ['data', 'preprocess', 'augment'].includes(stageById(p, e.source)?.kind ?? ''),
      );
      return spliceInto(p, feeder?.source, model, stage.id);
    }
    case 'hpsearch':
      return spliceInto(p, id('model'), id('train'), stage.id);
    case 'optimize': {
      let next = p;
      for (const [from, to] of [
        [id('evaluate'), stage.id],
        [stage.id, id('train')],
      ] as const) {
        const r = from && to ? connect(next, from, to) : null;
        if (r?.ok) next = r.pipeline;
      }
      return next;
    }
    default:
      return p;
  }
}

/** A position near the stages the new one is wired to, so a palette click lands somewhere sensible. */
function autoPosition(p: Pipeline, kind: StageKind): Position {
  const at = (k: StageKind) => stageOfKind(p, k)?.position;
  const between = (a: Position | undefined, b: Position | undefined, dy: number): Position | null =>
    a && b ? { x: Math.round((a.x + b.x) / 2), y: Math.max(a.y, b.y) + dy } : null;
  const below = (a: Position | undefined, dy: number) => (a ? { x: a.x, y: a.y + dy } : null);
  const fallback = { x: 0, y: 260 + 40 * p.stages.filter((s) => s.kind === kind).length };
  switch (kind) {
    case 'preprocess':
      return between(at('data'), at('model'), -170) ?? fallback;
    case 'augment':
      return between(at('data'), at('model'), 170) ?? fallback;
    case 'hpsearch':
      return between(at('model'), at('train'), -170) ?? fallback;
    case 'optimize':
      return below(at('train'), 220) ?? fallback;
    default:
      return below(at('scenario'), 220 + 40 * p.stages.filter((s) => s.kind === kind).length) ?? fallback;
  }
}

/** Adds a stage of an optional kind (at `position`, or near where it belongs) and wires it in. */
export function addStage(
  p: Pipeline,
  kind: StageKind,
  position?: Position,
): { ok: true; pipeline: Pipeline; id: string } | { ok: false; reason: string } {
  const info = STAGE_KINDS_INFO[kind];
  const count = p.stages.filter((s) => s.kind === kind).length;
  if (!info.optional)
    return { ok: false, reason: `${info.label} is part of every pipeline and can't be added from the palette.` };
  if (count >= info.max) {
    return {
      ok: false,
      reason:
        info.max === 1
          ? `The pipeline already has a ${info.label} stage; one is enough.`
          : `A pipeline holds at most ${info.max} ${info.label} stages.`,
    };
  }
  const stage = makeStage(kind, freshId(p, kind), freshName(p, kind), position ?? autoPosition(p, kind)) as Stage;
  const added: Pipeline = { ...p, stages: [...p.stages, stage] };
  return { ok: true, pipeline: wireNew(added, stage), id: stage.id };
}

/** Removes an optional stage and its edges, bridging the gap (Data → Preprocess → Model becomes Data → Model). */
export function removeStage(p: Pipeline, id: string): PipelineEdit {
  const stage = stageById(p, id);
  if (!stage) return { ok: false, reason: 'That stage no longer exists.' };
  const keep = STAGE_KINDS_INFO[stage.kind].keepReason;
  if (keep) return { ok: false, reason: keep(stage.name) };
  const ins = p.edges.filter((e) => e.target === id).map((e) => e.source);
  const outs = p.edges.filter((e) => e.source === id).map((e) => e.target);
  let next: Pipeline = {
    stages: p.stages.filter((s) => s.id !== id),
    edges: p.edges.filter((e) => e.source !== id && e.target !== id),
  };
  for (const from of ins) {
    for (const to of outs) {
      const r = connect(next, from, to);
      if (r.ok) next = r.pipeline;
    }
  }
  return { ok: true, pipeline: next };
}

export function renameStage(p: Pipeline, id: string, name: string): PipelineEdit {
  const stage = stageById(p, id);
  if (!stage) return { ok: false, reason: 'That stage no longer exists.' };
  const clean = name.trim();
  if (clean === '') return { ok: false, reason: 'A stage needs a name; type at least one character.' };
  if (clean.length > NAME_MAX)
    return { ok: false, reason: `Stage names are at most ${NAME_MAX} characters; this one has ${clean.length}.` };
  if (clean === stage.name) return { ok: true, pipeline: p };
  if (p.stages.some((s) => s.id !== id && s.name === clean))
    return { ok: false, reason: `Another stage is already called "${clean}"; pick a different name.` };
  return { ok: true, pipeline: { ...p, stages: p.stages.map((s) => (s.id === id ? { ...s, name: clean } : s)) } };
}

export function moveStages(p: Pipeline, positions: ReadonlyMap<string, Position>): Pipeline {
  if (![...positions.keys()].some((id) => stageById(p, id))) return p;
  return { ...p, stages: p.stages.map((s) => (positions.has(s.id) ? { ...s, position: positions.get(s.id)! } : s)) };
}

export function moveStage(p: Pipeline, id: string, position: Position): Pipeline {
  return moveStages(p, new Map([[id, position]]));
}

/** Merges `patch` into a stage's config after checking the result (ranges, lengths). */
export function updateStageConfig<K extends StageKind>(
  p: Pipeline,
  id: string,
  kind: K,
  patch: Partial<ConfigByKind[K]>,
): PipelineEdit {
  const stage = stageById(p, id);
  if (!stage) return { ok: false, reason: 'That stage no longer exists.' };
  if (stage.kind !== kind)
    return { ok: false, reason: `${stage.name} is a ${kindLabel(stage.kind)} stage, not ${kindLabel(kind)}.` };
  const config = { ...stage.config, ...patch } as ConfigByKind[K];
  const problem = configProblem(kind, config);
  if (problem) return { ok: false, reason: `${stage.name}: ${problem}` };
  return { ok: true, pipeline: { ...p, stages: p.stages.map((s) => (s.id === id ? ({ ...s, config } as Stage) : s)) } };
}

/** Sets the success rule (kept in the Scenario stage). */
export function setRule(p: Pipeline, rule: DecisionRule): PipelineEdit {
  const scenario = stageOfKind(p, 'scenario');
  if (!scenario) return { ok: false, reason: 'The pipeline has no Scenario stage to hold the rule.' };
  return updateStageConfig(p, scenario.id, 'scenario', { rule } satisfies Partial<ScenarioConfig>);
}
