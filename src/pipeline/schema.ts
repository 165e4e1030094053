import { z } from 'zod';
import { FIXED_KINDS, STAGE_KINDS_INFO } from './catalog';
import { configSchemas, pathText } from './config-check';
import { connectionProblem, NAME_MAX } from './model';
import { STAGE_KINDS, type Pipeline, type StageKind } from './types';

/**
 * What a saved pipeline must look like. A project file is untrusted until it passes this:
 * sizes and string lengths are capped and prototype-polluting keys are refused before parsing.
 */

export const STAGES_MAX = 100;
export const EDGES_MAX = 400;
const ID_MAX = 100;
const COORD_MAX = 1_000_000;

export class PipelineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipelineError';
  }
}

const id = z
  .string('must be a string')
  .min(1, 'must not be empty')
  .max(ID_MAX, `must be at most ${ID_MAX} characters`)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may hold only letters, digits and _ . : -');

const coord = z
  .number('must be a finite number')
  .min(-COORD_MAX, 'is too far off the canvas')
  .max(COORD_MAX, 'is too far off the canvas');

function stageSchemaFor<K extends StageKind>(kind: K) {
  return z.strictObject({
    id,
    kind: z.literal(kind),
    name: z
      .string('must be a string')
      .trim()
      .min(1, 'must not be empty')
      .max(NAME_MAX, `must be at most ${NAME_MAX} characters`),
    position: z.strictObject({ x: coord, y: coord }),
    config: configSchemas[kind],
  });
}

const stageSchema = z.discriminatedUnion(
  'kind',
  [
    stageSchemaFor('scenario'),
    stageSchemaFor('data'),
    stageSchemaFor('model'),
    stageSchemaFor('train'),
    stageSchemaFor('evaluate'),
    stageSchemaFor('deploy'),
    stageSchemaFor('optimize'),
    stageSchemaFor('preprocess'),
    stageSchemaFor('augment'),
    stageSchemaFor('hpsearch'),
    stageSchemaFor('notes'),
  ],
  { error: `must be one of ${STAGE_KINDS.join(', ')}` },
);

const edgeSchema = z.strictObject({
  id: z
    .string('must be a string')
    .min(1)
    .max(2 * ID_MAX + 2),
  source: id,
  target: id,
});

export const pipelineSchema = z
  .strictObject({
    stages: z.array(stageSchema).max(STAGES_MAX, `may hold at most ${STAGES_MAX} stages`),
    edges: z.array(edgeSchema).max(EDGES_MAX, `may hold at most ${EDGES_MAX} edges`),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.stages.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['stages', i, 'id'], message: `repeats the id "${s.id}"` });
      seen.add(s.id);
    });
    for (const kind of STAGE_KINDS) {
      const n = p.stages.filter((s) => s.kind === kind).length;
      const { label, max } = STAGE_KINDS_INFO[kind];
      if (FIXED_KINDS.includes(kind) && n !== 1)
        ctx.addIssue({
          code: 'custom',
          path: ['stages'],
          message: `must hold exactly one ${label} stage (found ${n})`,
        });
      else if (n > max)
        ctx.addIssue({
          code: 'custom',
          path: ['stages'],
          message: `may hold at most ${max} ${label} stages (found ${n})`,
        });
    }
    // Re-add the edges one by one so a file obeys the same rules as the editor.
    let built: Pipeline = { stages: p.stages as Pipeline['stages'], edges: [] };
    p.edges.forEach((e, i) => {
      const problem = connectionProblem(built, e.source, e.target);
      if (problem) ctx.addIssue({ code: 'custom', path: ['edges', i], message: problem });
      else built = { ...built, edges: [...built.edges, e] };
    });
  });

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const DEPTH_MAX = 12;

/** The path of the first forbidden key (or of nesting deeper than any pipeline needs), else null. */
function forbiddenKeyPath(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; key: string } | null {
  if (typeof value !== 'object' || value === null) return null;
  if (path.length > DEPTH_MAX) return { path, key: '(nesting too deep)' };
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  if (!Array.isArray(value)) {
    for (const key of Object.getOwnPropertyNames(value)) if (FORBIDDEN_KEYS.has(key)) return { path, key };
  }
  for (const [k, v] of entries) {
    const found = forbiddenKeyPath(v, [...path, k]);
    if (found) return found;
  }
  return null;
}

/** Validates a parsed pipeline (from a project file). Throws a PipelineError naming the field at fault. */
export function readPipeline(raw: unknown): Pipeline {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new PipelineError('The pipeline must be a JSON object with "stages" and "edges".');
  const bad = forbiddenKeyPath(raw);
  if (bad) {
    const where = pathText(bad.path) || '(top level)';
    throw new PipelineError(
      bad.key === '(nesting too deep)'
        ? `The pipeline is nested too deeply at "${where}"; the file may be damaged and was not loaded.`
        : `The pipeline contains the forbidden key "${bad.key}" at "${where}"; the file may be malicious and was not loaded.`,
    );
  }
  const parsed = pipelineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? pathText(issue.path) : '';
    throw new PipelineError(
      `The pipeline is invalid at "${where || '(top level)'}": ${issue?.message ?? 'unknown problem'}.`,
    );
  }
  return parsed.data as Pipeline;
}
