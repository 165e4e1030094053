/**
 * Fuzzing project import (issue 8): random JSON and text, and valid projects (every template
 * wrapped with newProject, plus a version-1 file) damaged at the JSON level. Each case reads into
 * a project (whose graph analyzeGraph can check, and which reads back the same), or is refused
 * with a ProjectError whose message names the field at fault. `__proto__` anywhere is refused;
 * so is an oversized file. Only the public functions are used, so the suite survives schema
 * changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import type { JsonPath } from './fuzz-support';
import {
  FUZZ_TEST_TIMEOUT_MS,
  expectMessagedRejection,
  fuzzParameters,
  fuzzSeed,
  insertKey,
  jsonTextOf,
  mutatedJson,
  outcomeOf,
} from './fuzz-support';
import type { Project } from './project-schema';
import { MAX_PROJECT_BYTES, newProject, pathText, projectFromText, ProjectError, readProject } from './project';
import { templateGraph, templates } from './templates';

const SEED = fuzzSeed(process.env.FUZZ_SEED);
const STAMP = new Date('2026-01-01T00:00:00Z');

/** A graph-only file as version 1 wrote it: damaged, it goes through the migration too. */
const V1 = {
  format: 'layerloom-project',
  version: 1,
  name: 'Old model',
  createdAt: '2025-11-02T10:00:00.000Z',
  updatedAt: '2025-11-03T12:30:00.000Z',
  graph: templateGraph('mlp-binary'),
};
const seeds: unknown[] = [
  ...templates.map(
    (t) => JSON.parse(JSON.stringify(newProject(t.title, templateGraph(t.id), STAMP, `p-${t.id}`))) as unknown,
  ),
  V1,
];

/** Where a project's meaning lives; half of the edits land on or under one of these keys. */
const FIELDS = new Set([
  'format',
  'version',
  'id',
  'name',
  'graph',
  'nodes',
  'edges',
  'params',
  'type',
  'source',
  'target',
  'train',
  'data',
  'runs',
]);
const focus = (key: string | number) => typeof key === 'string' && FIELDS.has(key);

/** Anything a structured clone can hold: what IndexedDB can hand back, not only JSON (BigInt: see BUG 5). */
const storedValues = fc.anything({
  maxDepth: 2,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** `"graph.nodes[1]"` names `graph.nodes[1].params` and the other way round: one contains the other. */
function related(a: string, b: string): boolean {
  const within = (outer: string, inner: string) =>
    inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return a === '' || b === '' || within(a, b) || within(b, a);
}

/**
 * A refusal must say where: a schema error names a path related to one of the edits; the other
 * refusals name their field in quotes ("format", "version", "__proto__") or the size limit.
 */
function expectNamesField(message: string, edited: readonly JsonPath[]): void {
  // Keys are printed as they are, quotes included, so the path ends at the first `": `.
  const at = /invalid at "(.*?)": /s.exec(message)?.[1];
  if (at === undefined) {
    expect(message).toMatch(/"[^"]+"|version|MB/);
    return;
  }
  const where = at === '(top level)' ? '' : at;
  const paths = edited.map((p) => pathText(p));
  // A version edit re-runs the migration, which rewrites fields the other edits never touched.
  if (paths.some((p) => p === 'version' || p === '')) return;
  expect(
    paths.some((p) => related(where, p)),
    `"${where}" is none of the edited ${JSON.stringify(paths)}`,
  ).toBe(true);
}

/** A project that was read must be usable: its graph analyses without throwing, and it reads back the same. */
function expectUsable(project: Project): void {
  const analysis = outcomeOf('analyzeGraph', () => analyzeGraph(project.graph as Parameters<typeof analyzeGraph>[0]));
  if (!analysis.ok) throw analysis.error;
  const ids = new Set(project.graph.nodes.map((n) => n.id));
  for (const issue of analysis.value.errors) {
    expect(issue.message.trim()).not.toBe('');
    if (issue.nodeId !== null) expect(ids.has(issue.nodeId)).toBe(true);
  }
  // Compared as text: JSON turns -0 into 0, which is the same project.
  const text = JSON.stringify(project);
  expect(JSON.stringify(projectFromText(text))).toBe(text);
}

/** zod says "expected string, received undefined" for a missing field: deliberate, if not pretty. */
const ZOD_WORDING = /received undefined/g;

const reached = { read: 0, refused: 0 };

function readCase(read: () => Project, input: string, edited: readonly JsonPath[] | null): void {
  const result = outcomeOf('reading a project', read);
  if (result.ok) {
    reached.read++;
    expectUsable(result.value);
    return;
  }
  reached.refused++;
  expectMessagedRejection(result.error, ProjectError, input, ZOD_WORDING);
  if (edited) expectNamesField((result.error as Error).message, edited);
}

describe('project import fuzzing', () => {
  it('reads every seed as it is', () => {
    for (const seed of seeds) expect(readProject(seed).graph.nodes.length).toBeGreaterThan(0);
  });

  it('refuses random text and random JSON with a message', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
    const projectLike = fc.record({
      format: fc.oneof(fc.constant('layerloom-project'), fc.jsonValue({ maxDepth: 1 })),
      version: fc.oneof(fc.constantFrom(1, 2, 3, 0, -1, 1.5, 2 ** 53), fc.jsonValue({ maxDepth: 1 })),
      graph: fc.jsonValue({ maxDepth: 3 }),
      name: fc.jsonValue({ maxDepth: 1 }),
    });
    const text = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      projectLike.map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(text, (t) => readCase(() => projectFromText(t), t, null)),
      fuzzParameters(SEED + 20),
    );
  });

  it('reads damaged project files or refuses them, naming the field', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
    reached.read = reached.refused = 0;
    fc.assert(
      fc.property(mutatedJson(seeds, { focus, maxEdits: 3 }), ({ doc, edited }) => {
        const text = jsonTextOf(doc);
        // Past a few thousand levels JSON.stringify itself gives up; such a value goes in as an object.
        if (text === '') readCase(() => readProject(doc), '', edited);
        else readCase(() => projectFromText(text), text, edited);
      }),
      fuzzParameters(SEED + 21),
    );
    expect(reached.read).toBeGreaterThan(100);
    expect(reached.refused).toBeGreaterThan(100);
  });

  it(
    'reads damaged stored objects (structured-clone values) or refuses them',
    { timeout: FUZZ_TEST_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(mutatedJson(seeds, { focus, values: storedValues, maxEdits: 3 }), ({ doc, edited }) => {
          readCase(() => readProject(doc), jsonTextOf(doc), edited);
        }),
        fuzzParameters(SEED + 22),
      );
    },
  );

  it(
    'refuses __proto__, constructor and prototype keys anywhere, naming them',
    { timeout: FUZZ_TEST_TIMEOUT_MS },
    () => {
      const forbidden = fc.constantFrom('__proto__', 'constructor', 'prototype');
      const payload = fc.constantFrom<unknown>({ polluted: true }, 1, null, 'x', [{ polluted: true }]);
      fc.assert(
        fc.property(
          fc.nat({ max: seeds.length - 1 }),
          fc.nat(),
          forbidden,
          payload,
          fc.boolean(),
          (seed, pick, key, value, asText) => {
            const { doc, at } = insertKey(seeds[seed], pick, key, value);
            const read = asText ? () => projectFromText(JSON.stringify(doc)) : () => readProject(doc);
            const result = outcomeOf('reading a project', read);
            expect(result.ok).toBe(false);
            if (result.ok) return;
            expectMessagedRejection(result.error, ProjectError);
            const message = (result.error as Error).message;
            expect(message).toContain(`"${key}"`);
            if (at.length > 0) expect(message).toContain(pathText(at));
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          },
        ),
        fuzzParameters(SEED + 23),
      );
    },
  );

  it('refuses an oversized file before parsing it, and oversized parts with their place', () => {
    const started = performance.now();
    const huge = ' '.repeat(MAX_PROJECT_BYTES + 1);
    for (const read of [() => projectFromText(huge), () => projectFromText('{}', MAX_PROJECT_BYTES + 1)]) {
      const result = outcomeOf('an oversized file', read);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expectMessagedRejection(result.error, ProjectError);
        expect((result.error as Error).message).toMatch(/limit is \d+ MB/);
      }
    }
    expect(performance.now() - started).toBeLessThan(2000);

    const base = seeds[0] as { graph: { nodes: unknown[] } };
    const manyNodes = {
      ...base,
      graph: { ...base.graph, nodes: Array.from({ length: 5001 }, () => base.graph.nodes[0]) },
    };
    expect(() => readProject(manyNodes)).toThrow(/invalid at "graph\.nodes"/);
    const longName = { ...base, name: 'x'.repeat(100_000) };
    expect(() => readProject(longName)).toThrow(/invalid at "name"/);
  });
});

describe('project import: known bugs', () => {
  // BUG 5 (minor; fixed: jsonObjectSchema walks its values with findNonJson): readProject, the path for objects read back from IndexedDB, let any value
  // through where the schema says z.unknown() (pipeline, runs[].config). A BigInt there is
  // accepted, and saving the project later throws "TypeError: Do not know how to serialize a
  // BigInt". Minimal case: readProject({ ...validProject, pipeline: { a: 1n } }) succeeds.
  it('accepts only stored values that a project file can hold', () => {
    const base = seeds[0] as Record<string, unknown>;
    fc.assert(
      fc.property(fc.bigInt(), fc.constantFrom('pipeline', 'runs'), (big, where) => {
        const run = {
          id: 'r',
          name: 'Run',
          config: { big },
          backendLabel: 'cpu',
          status: 'completed',
          epochs: [],
          test: null,
          seconds: 1,
          metric: 'accuracy',
        };
        const stored = where === 'pipeline' ? { ...base, pipeline: { big } } : { ...base, runs: [run] };
        const result = outcomeOf('readProject', () => readProject(stored));
        if (result.ok) expectUsable(result.value);
        else expectMessagedRejection(result.error, ProjectError, '', ZOD_WORDING);
      }),
      fuzzParameters(SEED + 24, undefined, 100),
    );
  });
});
