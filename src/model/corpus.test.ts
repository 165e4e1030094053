/**
 * Conformance over layers-model files: the third-party corpus in ../shared/corpus (JSON only, no
 * .bin shards; skipped when it is not beside the clone) and our own fixtures in
 * fixtures/tfjs-models/ (saved by stock tfjs with their weights.bin). Every positive file imports,
 * checks out and reports Keras's "Total params"; every negative file is refused quickly with a
 * message naming the class or format at fault.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { ImportError, importLayersModel } from './keras-import';
import { specForKerasClass } from './registry';
import { corpus, corpusMissing, fixtures, type ModelRow, type ModelSet } from './test-corpus';
import { parseManifest } from './weights';

const noCorpus = corpusMissing();

function expectImports(set: ModelSet, row: ModelRow): void {
  const json = set.load(row.file);
  const started = performance.now();
  const imported = importLayersModel(json);
  const analysis = analyzeGraph(imported.graph);
  const elapsed = performance.now() - started;

  expect(analysis.errors.map((e) => e.message)).toEqual([]);
  expect(analysis.totals.total).toBe(row.expectedTotal);
  // Without shards the importer still pairs every manifest weight with a layer weight.
  expect(imported.warnings.filter((w) => /weight/i.test(w))).toEqual([]);
  expect(elapsed).toBeLessThan(1000);
  expect(new Set(imported.graph.nodes.map((n) => n.name)).size).toBe(imported.graph.nodes.length);
}

/** Places every weight from `shards` (zero-filled ones of the right size when not given); returns them. */
function expectPlaced(set: ModelSet, row: ModelRow, shards?: ArrayBuffer[]) {
  const json = set.load(row.file) as { weightsManifest: unknown };
  const entries = parseManifest(json.weightsManifest);
  const bytes = entries.reduce((n, e) => n + e.byteLength, 0);
  const imported = importLayersModel(json, shards ?? [new ArrayBuffer(bytes)]);
  const placed = Object.values(imported.weights ?? {}).flat();
  expect(placed.reduce((n, w) => n + w.values.length, 0)).toBe(row.expectedTotal);
  expect(placed.length).toBe(entries.length);
  return placed;
}

function expectRefused(set: ModelSet, row: ModelRow): void {
  const json = set.load(row.file);
  const started = performance.now();
  let message = '';
  try {
    const imported = importLayersModel(json);
    // Either answer is allowed for a bare Keras file: refuse it, or take the topology alone.
    expect(row.category).toMatch(/not-tfjs-format/);
    expect(imported.weights).toBeUndefined();
    message = imported.warnings.join('\n');
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    message = (err as Error).message;
  }
  expect(performance.now() - started).toBeLessThan(5000);
  if (row.category.includes('unsupported-layer')) {
    const unsupported = row.layerClasses.filter((c) => c !== 'InputLayer' && !specForKerasClass(c));
    expect(unsupported.length).toBeGreaterThan(0);
    for (const cls of unsupported) expect(message).toContain(cls);
  } else {
    expect(message).toMatch(/to_json|weightsManifest|not a TensorFlow\.js layers model/);
  }
}

describe.skipIf(noCorpus)('layers-model corpus', () => {
  it('has the files INDEX.tsv lists', () => {
    expect(corpus.positives.length).toBeGreaterThanOrEqual(25);
    expect(corpus.negatives.length).toBeGreaterThanOrEqual(2);
  });

  describe.each(corpus.positives)('$file', (row) => {
    it(`imports and reports ${row.expectedTotal} params in under 1 s`, () => expectImports(corpus, row));
    // Zero-filled shards of the right size: each layer gets every weight, nothing is left over.
    it('places every weight when the shards are given', () => void expectPlaced(corpus, row));
  });

  describe.each(corpus.negatives)('$file', (row) => {
    it('is refused within 5 s, naming the unsupported class or format', () => expectRefused(corpus, row));
  });
});

describe('layers-model fixtures (ours, saved by stock tfjs)', () => {
  const covered = new Set(fixtures.positives.flatMap((r) => r.layerClasses));

  it('has the files INDEX.tsv lists, covering the layer classes the corpus has and more', () => {
    expect(fixtures.positives.length).toBeGreaterThanOrEqual(10);
    expect(fixtures.negatives.length).toBeGreaterThanOrEqual(1);
    const inCorpus = [
      ...'Activation Add BatchNormalization Bidirectional Concatenate Conv1D Conv2D Conv2DTranspose Dense'.split(' '),
      ...'DepthwiseConv2D Dropout Embedding Flatten GlobalAveragePooling2D InputLayer LSTM MaxPooling1D'.split(' '),
      ...'MaxPooling2D Model ReLU Reshape Sequential ZeroPadding2D'.split(' '),
    ];
    const beyond = 'SeparableConv2D GRU SimpleRNN TimeDistributed PReLU LayerNormalization UpSampling2D'.split(' ');
    for (const cls of [...inCorpus, ...beyond]) expect(covered, cls).toContain(cls);
    for (const cls of covered)
      expect(cls === 'Sequential' || cls === 'Model' || !!specForKerasClass(cls), cls).toBe(true);
  });

  it.skipIf(noCorpus)('covers every layer class in the corpus files it imports', () => {
    for (const cls of new Set(corpus.positives.flatMap((r) => r.layerClasses))) expect(covered, cls).toContain(cls);
  });

  describe.each(fixtures.positives)('$file', (row) => {
    it(`imports and reports ${row.expectedTotal} params in under 1 s`, () => expectImports(fixtures, row));

    it('declares exactly the params its manifest and weights.bin hold', () => {
      const json = fixtures.load(row.file) as { weightsManifest: unknown };
      const entries = parseManifest(json.weightsManifest);
      expect(entries.reduce((n, e) => n + e.byteLength / 4, 0)).toBe(row.expectedTotal);
      expect(fixtures.shards(row.file).reduce((n, s) => n + s.byteLength, 0)).toBe(row.expectedTotal * 4);
    });

    it('places every weight of its weights.bin, value for value', () => {
      const shards = fixtures.shards(row.file);
      const placed = expectPlaced(fixtures, row, shards);
      const all = new Float32Array(shards[0]!);
      const sorted = (a: Iterable<number>) => Float64Array.from(a).sort();
      expect(sorted(placed.flatMap((w) => [...w.values]))).toEqual(sorted(all));
    });
  });

  describe.each(fixtures.negatives)('$file', (row) => {
    it('is refused within 5 s, naming the unsupported class', () => expectRefused(fixtures, row));
  });
});
