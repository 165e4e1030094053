import { kindLabel, STAGE_KINDS_INFO } from './catalog';
import { edge, stageById, stageOfKind } from './stages';
import type { Pipeline, PipelineEdit } from './types';

// Which edges make sense, and whether the run path Data ⇝ Model ⇝ Train ⇝ Evaluate holds together.

/** True when `to` reaches `from` along edges that are not Optimize's loop-backs. */
function reaches(p: Pipeline, from: string, to: string): boolean {
  const loopSources = new Set(p.stages.filter((s) => s.kind === 'optimize').map((s) => s.id));
  const stack = [from];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id) || loopSources.has(id)) continue;
    seen.add(id);
    for (const e of p.edges) if (e.source === id) stack.push(e.target);
  }
  return false;
}

/** Why source → target would be refused, or null when it is fine. */
export function connectionProblem(p: Pipeline, source: string, target: string): string | null {
  const s = stageById(p, source);
  const t = stageById(p, target);
  if (!s || !t) return 'That stage no longer exists.';
  if (source === target) return `${s.name} can't lead to itself.`;
  if (p.edges.some((e) => e.source === source && e.target === target)) return `${s.name} already leads to ${t.name}.`;
  if (s.kind === 'notes' || t.kind === 'notes') return "Notes are not part of the run, so they can't be connected.";
  const allowed = STAGE_KINDS_INFO[s.kind].leadsTo;
  if (allowed.length === 0) return `${s.name} is the end of the pipeline; nothing follows it.`;
  if (!allowed.includes(t.kind)) {
    const names = allowed.map(kindLabel);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
    return `A ${kindLabel(s.kind)} stage can lead only to ${list}, not to ${kindLabel(t.kind)}.`;
  }
  if (s.kind !== 'optimize' && reaches(p, target, source)) {
    return `Connecting ${s.name} → ${t.name} would make a loop; only Optimize may loop back.`;
  }
  return null;
}

export function connect(p: Pipeline, source: string, target: string): PipelineEdit {
  const problem = connectionProblem(p, source, target);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, pipeline: { ...p, edges: [...p.edges, edge(source, target)] } };
}

export function disconnect(p: Pipeline, edgeIdToRemove: string): Pipeline {
  return { ...p, edges: p.edges.filter((e) => e.id !== edgeIdToRemove) };
}

export interface FlowProblem {
  readonly stageId: string;
  readonly message: string;
  /** Blocking problems stop a run; the others only leave a stage out of it. */
  readonly blocking: boolean;
}

/** Gaps in the run path Data ⇝ Model ⇝ Train ⇝ Evaluate, and optional stages left off it. */
export function flowProblems(p: Pipeline): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const chain = (['data', 'model', 'train', 'evaluate'] as const).map((k) => stageOfKind(p, k));
  for (let i = 1; i < chain.length; i++) {
    const from = chain[i - 1];
    const to = chain[i];
    if (from && to && !reaches(p, from.id, to.id)) {
      problems.push({
        stageId: to.id,
        blocking: true,
        message: `${to.name} is not connected to ${from.name}: draw an edge from ${from.name} to ${to.name}.`,
      });
    }
  }
  const model = stageOfKind(p, 'model');
  const train = stageOfKind(p, 'train');
  const data = stageOfKind(p, 'data');
  for (const s of p.stages) {
    if (s.kind === 'hpsearch' && model && train && !(reaches(p, model.id, s.id) && reaches(p, s.id, train.id))) {
      problems.push({
        stageId: s.id,
        blocking: false,
        message: `${s.name} is not between ${model.name} and ${train.name}, so the run skips it.`,
      });
    }
    if (
      (s.kind === 'preprocess' || s.kind === 'augment') &&
      data &&
      model &&
      !(reaches(p, data.id, s.id) && reaches(p, s.id, model.id))
    ) {
      problems.push({
        stageId: s.id,
        blocking: false,
        message: `${s.name} is not between ${data.name} and ${model.name}; connect it to take part.`,
      });
    }
  }
  return problems;
}
