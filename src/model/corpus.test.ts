/**
 * Conformance over the third-party layers-model corpus in ../shared/corpus (JSON only, no
 * .bin shards): every positive file imports, checks out and reports Keras's "Total params";
 * every negative file is refused quickly with a message naming the class or format at fault.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { ImportError, importLayersModel } from './keras-import';
import { specForKerasClass } from './registry';
import { parseManifest } from './weights';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/tfjs-layers-models/', import.meta.url));

interface Row {
  file: string;
  category: string;
  layerClasses: string[];
  expectedTotal: number;
}

function readIndex(): Row[] {
  const [header, ...lines] = readFileSync(`${CORPUS}INDEX.tsv`, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const cols = (header ?? '').split('\t');
  const col = (cells: string[], name: string) => cells[cols.indexOf(name)] ?? '';
  return lines.map((line) => {
    const cells = line.split('\t');
    return {
      file: col(cells, 'file'),
      category: col(cells, 'category'),
      layerClasses: col(cells, 'layer_class_names').split(',').filter(Boolean),
      expectedTotal: Number(col(cells, 'expected_total_params')),
    };
  });
}

const rows = readIndex();
const load = (file: string): unknown => JSON.parse(readFileSync(`${CORPUS}${file}`, 'utf8'));
const positives = rows.filter((r) => !r.category.startsWith('NEGATIVE'));
const negatives = rows.filter((r) => r.category.startsWith('NEGATIVE'));

describe('layers-model corpus', () => {
  it('has the files INDEX.tsv lists', () => {
    expect(positives.length).toBeGreaterThanOrEqual(25);
    expect(negatives.length).toBeGreaterThanOrEqual(2);
  });

  describe.each(positives)('$file', (row) => {
    it(`imports and reports ${row.expectedTotal} params in under 1 s`, () => {
      const json = load(row.file);
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
    });

    // Zero-filled shards of the right size: each layer gets every weight, nothing is left over.
    it('places every weight when the shards are given', () => {
      const json = load(row.file) as { weightsManifest: unknown };
      const entries = parseManifest(json.weightsManifest);
      const bytes = entries.reduce((n, e) => n + e.byteLength, 0);
      const imported = importLayersModel(json, [new ArrayBuffer(bytes)]);
      const placed = Object.values(imported.weights ?? {}).flat();
      expect(placed.reduce((n, w) => n + w.values.length, 0)).toBe(row.expectedTotal);
      expect(placed.length).toBe(entries.length);
    });
  });

  describe.each(negatives)('$file', (row) => {
    it('is refused within 5 s, naming the unsupported class or format', () => {
      const json = load(row.file);
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
    });
  });
});
