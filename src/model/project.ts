import type { Graph } from './graph';
import { findUnsafeJson, pathText } from './json-guard';
import { jsonDepthProblem } from './json-prescan';
import {
  PROJECT_FORMAT,
  PROJECT_VERSION,
  projectSchema,
  trainSettingsSchema,
  type Project,
} from './project-schema';

export class ProjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectError';
  }
}

/** Largest project file we read; beyond this a file is refused before parsing. */
export const MAX_PROJECT_BYTES = 64 * 1024 * 1024;

// Callers (CLI, persistence) have always found these here; they now live beside the importer's guard.
export { findUnsafeJson, MAX_JSON_DEPTH, pathText } from './json-guard';

/** JSON.parse that refuses prototype-polluting keys and absurd nesting, naming where they were. */
export function parseJsonSafely(text: string, what: string): unknown {
  // Before parsing: JSON.parse builds every level of `[[[[…` (gigabytes for a large file) first.
  const tooDeep = jsonDepthProblem(text);
  if (tooDeep) throw new ProjectError(`${what} ${tooDeep}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ProjectError(`${what} is not valid JSON: ${(err as Error).message}`);
  }
  const unsafe = findUnsafeJson(value);
  if (unsafe) throw new ProjectError(`${what} ${unsafe}`);
  return value;
}

/** A fresh id for a project: ids name IndexedDB records, so they never come from file names. */
export function newProjectId(): string {
  return `p-${crypto.randomUUID()}`;
}

/** One step forward per version: `migrations[n]` turns a version-n project into version n+1. */
type Migration = (old: Record<string, unknown>) => Record<string, unknown>;
const migrations: Record<number, Migration> = {
  // v2 turned the graph-only file into a whole project: data, training settings, runs, weights.
  1: (old) => ({
    ...old,
    id: newProjectId(),
    scenario: null,
    pipeline: null,
    dataset: null,
    data: { csv: { columns: {} }, images: null },
    train: {},
    runs: [],
    weights: null,
  }),
};

export function newProject(name: string, graph: Graph, now = new Date(), id = newProjectId()): Project {
  const stamp = now.toISOString();
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    id,
    name,
    createdAt: stamp,
    updatedAt: stamp,
    scenario: null,
    graph: graph as Project['graph'],
    pipeline: null,
    dataset: null,
    data: { csv: { columns: {} }, images: null },
    train: trainSettingsSchema.parse({}),
    runs: [],
    weights: null,
  };
}

/** Validates and migrates a parsed project file. Errors name the field at fault. */
export function readProject(raw: unknown): Project {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ProjectError('A project file must hold a JSON object');
  }
  let obj = raw as Record<string, unknown>;
  if (obj.format !== PROJECT_FORMAT) {
    throw new ProjectError(`This is not a Layerloom project: "format" should be "${PROJECT_FORMAT}"`);
  }
  const version = obj.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ProjectError('The project has no valid "version" field');
  }
  if (version > PROJECT_VERSION) {
    throw new ProjectError(
      `This project was saved by a newer Layerloom (file version ${version}; this app reads up to ${PROJECT_VERSION}). Update the app to open it.`,
    );
  }
  // Objects from IndexedDB skip parseJsonSafely, so the walk runs here too.
  const unsafe = findUnsafeJson(obj);
  if (unsafe) throw new ProjectError(`The project ${unsafe}`);
  for (let v = version; v < PROJECT_VERSION; v++) {
    const step = migrations[v];
    if (!step) throw new ProjectError(`No migration from project version ${v}`);
    obj = { ...step(obj), version: v + 1 };
  }
  const parsed = projectSchema.safeParse(obj);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? pathText(issue.path) : '';
    throw new ProjectError(`The project file is invalid at "${where || '(top level)'}": ${issue?.message ?? 'unknown problem'}`);
  }
  return withoutNegativeZero(foldNodeTrainable(parsed.data));
}

/**
 * Freezing lives in `params.trainable` (isTrainable in graph.ts). A node-level `trainable: false`
 * (hand-written or older files) is folded into it, so the freeze is never dropped silently.
 */
function foldNodeTrainable(project: Project): Project {
  if (!project.graph.nodes.some((n) => n.trainable !== undefined)) return project;
  const nodes = project.graph.nodes.map(({ trainable, ...node }) =>
    trainable === false ? { ...node, params: { ...node.params, trainable: false } } : node,
  );
  return { ...project, graph: { ...project.graph, nodes } };
}

/**
 * JSON has no -0, so a project read from IndexedDB (structured clone keeps it) would differ from
 * the same project read from its file. Zod builds its output afresh, so it is fixed in place (the
 * opaque JSON parts, pipeline and run configs, pass through as given; frozen ones are left alone).
 */
function withoutNegativeZero<T>(root: T): T {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || Object.isFrozen(value)) continue;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (Object.is(v, -0)) record[key] = 0;
      else if (typeof v === 'object' && v !== null) stack.push(v);
    }
  }
  return root;
}

export function projectFromText(text: string, byteLength = text.length): Project {
  if (byteLength > MAX_PROJECT_BYTES) {
    throw new ProjectError(
      `The project file is ${(byteLength / 1048576).toFixed(1)} MB; the limit is ${MAX_PROJECT_BYTES / 1048576} MB`,
    );
  }
  return readProject(parseJsonSafely(text.replace(/^\uFEFF/, ''), 'The project file'));
}
