import type { Graph } from './graph';
import { PROJECT_FORMAT, PROJECT_VERSION, projectSchema, type Project } from './project-schema';

export class ProjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectError';
  }
}

/** One step forward per version: `migrations[n]` turns a version-n project into version n+1. */
type Migration = (old: Record<string, unknown>) => Record<string, unknown>;
const migrations: Record<number, Migration> = {};

/** Largest project file we read; beyond this a file is refused before parsing. */
export const MAX_PROJECT_BYTES = 64 * 1024 * 1024;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
}

/** JSON.parse that refuses prototype-polluting keys, naming where they were. */
export function parseJsonSafely(text: string, what: string): unknown {
  let bad: string | null = null;
  let value: unknown;
  try {
    value = JSON.parse(text, function (this: unknown, key, v: unknown) {
      if (FORBIDDEN_KEYS.has(key)) bad ??= key;
      return v;
    });
  } catch (err) {
    throw new ProjectError(`${what} is not valid JSON: ${(err as Error).message}`);
  }
  if (bad) throw new ProjectError(`${what} contains the forbidden key "${bad}"; the file may be malicious and was not loaded`);
  return value;
}

export function newProject(name: string, graph: Graph, now = new Date()): Project {
  const stamp = now.toISOString();
  return { format: PROJECT_FORMAT, version: PROJECT_VERSION, name, createdAt: stamp, updatedAt: stamp, graph: graph as Project['graph'] };
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
  return parsed.data;
}

export function projectFromText(text: string, byteLength = text.length): Project {
  if (byteLength > MAX_PROJECT_BYTES) {
    throw new ProjectError(
      `The project file is ${(byteLength / 1048576).toFixed(1)} MB; the limit is ${MAX_PROJECT_BYTES / 1048576} MB`,
    );
  }
  return readProject(parseJsonSafely(text, 'The project file'));
}
