/**
 * Fuzzing the model.json importer (issue 8): our fixtures in fixtures/tfjs-models/ and, when it is
 * beside the clone, the third-party corpus in ../shared, damaged at the JSON level (keys dropped
 * or duplicated, types changed, huge and negative sizes, deep nesting, prototype keys, random
 * class names, inbound references pointed at other layers to make cycles).
 * Each case imports into a graph that analyzeGraph can check without throwing, or is refused
 * with an ImportError whose message names something; never a crash, never more than 2 s.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import type { JsonEdit } from './fuzz-support';
import {
  applyJsonEdits,
  expectMessagedRejection,
  expectReadable,
  FUZZ_TEST_TIMEOUT_MS,
  fuzzParameters,
  fuzzSeed,
  jsonTextOf,
  mutatedJson,
  outcomeOf,
  PROTOTYPE_NAMES,
} from './fuzz-support';
import type { Graph } from './graph';
import { ImportError, importLayersModel } from './keras-import';
import { getSpec, layerTypes } from './registry';
import { corpus, corpusMissing, fixtures } from './test-corpus';
import { parseManifest } from './weights';

const SEED = fuzzSeed(process.env.FUZZ_SEED);
const noCorpus = corpusMissing();
// The three Teachable Machine image files differ only in the head's class count; one of them is
// enough as a seed, and it is the slowest file to import, so the others would only slow the run.
const corpusFiles = corpus.rows.map((r) => r.file).filter((f) => !/mobilenetv2-1[35]class/.test(f));
/** The seeds: our fixtures (always there), then the corpus files (when it is there). */
const files = [...fixtures.rows.map((r) => `fixtures:${r.file}`), ...corpusFiles];
const seeds: unknown[] = [
  ...fixtures.rows.map((r) => fixtures.load(r.file)),
  ...corpusFiles.map((f) => corpus.load(f)),
];

type LayerJson = { class_name: unknown; config: Record<string, unknown> & { layer?: { class_name: unknown } } };
/** A seed's top-level layer list, under the converter's model_config wrapper or without it; [] for other shapes. */
function layersOf(doc: unknown): LayerJson[] {
  const topology = (doc as { modelTopology?: { model_config?: unknown } } | null)?.modelTopology;
  const model = (topology?.model_config ?? topology) as { config?: { layers?: unknown } } | undefined;
  const layers = model?.config?.layers;
  return Array.isArray(layers) ? (layers as LayerJson[]) : [];
}

/** Where a layers model keeps its meaning: class names, sizes, shapes, references, the manifest. */
const MEANINGFUL = new Set(
  [
    'class_name className name layers layer model_config modelTopology trainable dtype activation rate axis',
    'units filters kernel_size strides pool_size batch_input_shape batch_shape input_shape target_shape shape',
    'inbound_nodes keras_history input_layers output_layers weightsManifest',
  ]
    .join(' ')
    .split(' '),
);
const focus = (key: string | number) => typeof key === 'string' && MEANINGFUL.has(key);

const kerasClasses = layerTypes().map((t) => getSpec(t)!.keras.className);
const classNames = fc.oneof(
  fc.constantFrom(...kerasClasses),
  fc.constantFrom(
    ...'Sequential Model Functional InputLayer Lambda TensorFlowOpLayer __keras_tensor__ Custom>Thing'.split(' '),
  ),
  fc.string({ maxLength: 10 }),
);

/** Zero-filled shards: none, too few bytes, or exactly what the (damaged) manifest asks for when that is small. */
function shardsFor(doc: unknown, choice: 'none' | 'short' | 'exact' | 'long'): ArrayBuffer[] | undefined {
  if (choice === 'none') return undefined;
  if (choice === 'short') return [new ArrayBuffer(4)];
  let needed = 0;
  try {
    const manifest = (doc as { weightsManifest?: unknown } | null)?.weightsManifest;
    needed = parseManifest(manifest).reduce((end, e) => Math.max(end, e.byteOffset + e.byteLength), 0);
  } catch {
    return [new ArrayBuffer(16)];
  }
  const bytes = Math.min(needed + (choice === 'long' ? 8 : 0), 16 * 1024 * 1024);
  return [new ArrayBuffer(bytes)];
}

/** An imported graph must be whole (edges between its own nodes, unique ids) and must survive analysis. */
function expectAnalyzable(graph: Graph, input: string): void {
  const ids = new Set(graph.nodes.map((n) => n.id));
  expect(ids.size).toBe(graph.nodes.length);
  for (const e of graph.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  const analysis = outcomeOf('analyzeGraph', () => analyzeGraph(graph));
  if (!analysis.ok) throw analysis.error;
  for (const issue of analysis.value.errors) {
    expectReadable(issue.message, input);
    if (issue.nodeId !== null) expect(ids.has(issue.nodeId)).toBe(true);
  }
}

/** The seed's first Dense layer set to 10^12 units, manifest included: refused or flagged, fast, unallocated. */
function expectHugeDenseHandled(file: string): void {
  const huge = structuredClone(seeds[files.indexOf(file)]) as {
    weightsManifest: { weights: { name: string; shape: number[] }[] }[];
  };
  const dense = layersOf(huge).find((l) => l.class_name === 'Dense')!;
  dense.config.units = 1e12;
  for (const w of huge.weightsManifest[0]!.weights) {
    if (w.name === `${String(dense.config.name)}/kernel`) w.shape = [w.shape[0]!, 1e12];
    if (w.name === `${String(dense.config.name)}/bias`) w.shape = [1e12];
  }
  const before = process.memoryUsage().arrayBuffers;
  for (const shards of [undefined, [new ArrayBuffer(8)]]) {
    const started = performance.now();
    const result = outcomeOf('importLayersModel', () => importLayersModel(huge, shards));
    expect(performance.now() - started).toBeLessThan(500);
    if (result.ok) {
      // Without shards the topology may import, but the check must flag the size at once.
      const errors = analyzeGraph(result.value.graph).errors.map((e) => e.message);
      expect(errors.join('\n')).toMatch(/Units must be at most/);
    } else {
      expectMessagedRejection(result.error, ImportError);
      expect((result.error as Error).message).toMatch(/bytes|units|Units/);
    }
  }
  expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
}

const reached = { imported: 0, refused: 0, withWeights: 0 };

function importCase(doc: unknown, shards: ArrayBuffer[] | undefined): void {
  const result = outcomeOf('importLayersModel', () => importLayersModel(doc, shards));
  const input = jsonTextOf(doc);
  if (result.ok) {
    reached.imported++;
    if (result.value.weights) reached.withWeights++;
    expectAnalyzable(result.value.graph, input);
    for (const w of result.value.warnings) expectReadable(w, input);
  } else {
    reached.refused++;
    expectMessagedRejection(result.error, ImportError, input);
  }
}

describe('model.json import fuzzing', () => {
  it('reads the fixtures as they are (the seeds are good)', () => {
    expect(fixtures.rows.length).toBeGreaterThanOrEqual(11);
    for (const doc of seeds.slice(0, fixtures.rows.length)) expect(layersOf(doc).length).toBeGreaterThan(0);
  });

  it.skipIf(noCorpus)('reads the corpus as it is (the seeds are good)', () => {
    expect(corpusFiles.length).toBeGreaterThanOrEqual(23);
  });

  it('imports damaged seed files or refuses them with a message', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
    reached.imported = reached.refused = reached.withWeights = 0;
    const shards = fc.constantFrom(...(['none', 'none', 'short', 'exact', 'long'] as const));
    fc.assert(
      fc.property(mutatedJson(seeds, { focus, values: classNames, maxEdits: 4 }), shards, ({ doc }, choice) => {
        importCase(doc, shardsFor(doc, choice));
      }),
      fuzzParameters(SEED + 10),
    );
    // With a fixed seed both outcomes must be common, or the mutations stopped reaching the importer.
    expect(reached.imported).toBeGreaterThan(100);
    expect(reached.refused).toBeGreaterThan(100);
    expect(reached.withWeights).toBeGreaterThan(10);
  });

  it('refuses random JSON values with a message', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (doc) => importCase(doc, undefined)),
      fuzzParameters(SEED + 11),
    );
  });

  it('refuses or flags a Dense layer of 10^12 units without allocating its weights', () =>
    expectHugeDenseHandled('fixtures:mlp-dense-dropout/model.json'));

  it.skipIf(noCorpus)('does the same for the corpus file with a single Dense layer', () =>
    expectHugeDenseHandled('celsius-fahrenheit-single-dense.json'),
  );
});

/**
 * Bugs this suite found, each pinned by a property. They were `it.fails` while the bug was there;
 * now fixed, each is a plain `it` that guards the fix.
 */
describe('model.json import: known bugs', () => {
  /** Where the importer walks recursively: references between layers, and the weights manifest. */
  const referenceKeys = new Set(['inbound_nodes', 'input_layers', 'output_layers', 'weightsManifest']);

  // BUG 1 (fixed: importLayersModel walks the tree with findUnsafeJson first): there was no nesting guard. A value nested ~5,000 levels deep (JSON.parse
  // accepts it) in inbound_nodes, input_layers, output_layers or a weightsManifest entry ends in
  // "RangeError: Maximum call stack size exceeded" (JSON.stringify of the bad value in keras-topology.ts
  // and weights.ts, the recursion in collectKerasTensors) instead of an ImportError.
  it('refuses values nested 10,000 deep with an ImportError', () => {
    const deep: fc.Arbitrary<JsonEdit> = fc.record({
      kind: fc.constant('nest' as const),
      pick: fc.nat(),
      focused: fc.constant(true),
      depth: fc.constant(10_000),
    });
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), deep, (seed, edit) => {
        const { doc } = applyJsonEdits(seeds[seed], [edit], (key) => typeof key === 'string' && referenceKeys.has(key));
        importCase(doc, undefined);
      }),
      fuzzParameters(SEED + 12, undefined, 100),
    );
  });

  // BUG 2 (fixed: the kind of value is named instead): Bidirectional and TimeDistributed printed their inner layer's class_name with String(), so
  // an object there reads "Bidirectional around [object Object] is not supported" (layers/wrappers.ts).
  it('names a wrapped layer whose class_name is not a string', () => {
    // Bidirectional and TimeDistributed fixtures, and the corpus's Bidirectional file when it is there.
    const wrapped = seeds.filter((doc) => layersOf(doc).some((l) => l.config.layer));
    expect(wrapped.length).toBeGreaterThanOrEqual(noCorpus ? 2 : 3);
    fc.assert(
      fc.property(fc.nat({ max: wrapped.length - 1 }), fc.object({ maxDepth: 1 }), (seed, cls) => {
        const doc = structuredClone(wrapped[seed]);
        for (const layer of layersOf(doc)) if (layer.config.layer) layer.config.layer.class_name = cls;
        importCase(doc, undefined);
      }),
      fuzzParameters(SEED + 13, undefined, 100),
    );
  });

  // BUG 3 (fixed: those tables are Maps): lookups in plain-object tables answered to Object.prototype names. A layer class named
  // "constructor" is refused with "has class constructor: function Object() { [native code] }"
  // (OPAQUE_CLASSES in import-errors.ts); a kernel_initializer "constructor" or "__proto__" imports
  // as the Object function or Object.prototype itself (INITIALIZER_ALIASES in keras-config.ts), which
  // analyzeGraph then prints, and which a project file cannot hold.
  it('reads Object.prototype names as unknown class and initializer names', () => {
    const slots = ['class_name', 'kernel_initializer', 'bias_initializer'];
    const edit: fc.Arbitrary<JsonEdit> = fc.record({
      kind: fc.constant('replace' as const),
      pick: fc.nat(),
      focused: fc.constant(true),
      value: fc.constantFrom(...PROTOTYPE_NAMES),
    });
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), edit, (seed, e) => {
        const { doc } = applyJsonEdits(seeds[seed], [e], (key) => typeof key === 'string' && slots.includes(key));
        const result = outcomeOf('importLayersModel', () => importLayersModel(doc));
        if (result.ok) {
          for (const node of result.value.graph.nodes) {
            for (const value of Object.values(node.params))
              expect(typeof value === 'function' || value === Object.prototype).toBe(false);
          }
        }
        importCase(doc, undefined);
      }),
      fuzzParameters(SEED + 14, undefined, 200),
    );
  });
});
