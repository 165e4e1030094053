/**
 * Test-only: where the layers-model test inputs are. Two sets with the same INDEX.tsv layout
 * (file, category, layer_class_names, expected_total_params, …):
 * - `corpus`: the third-party corpus in ../shared/corpus/tfjs-layers-models/ (JSON only, no
 *   shards). It is not part of this repository; when it is absent its rows are empty and the
 *   corpus tests skip with one line. `LAYERLOOM_CORPUS=<dir>` points at another copy of
 *   ../shared/corpus (the folder that holds tfjs-layers-models/); a wrong path there is an error.
 * - `fixtures`: our own small models in ./fixtures/tfjs-models/ (model.json + weights.bin),
 *   written by scripts/build-model-fixtures.ts; always there.
 * Nothing in the app imports this file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { env } from 'node:process';
import { fileURLToPath } from 'node:url';

export interface ModelRow {
  /** Path of the model.json, relative to the set's folder. */
  file: string;
  category: string;
  negative: boolean;
  layerClasses: string[];
  /** Keras's "Total params": every manifest weight, non-trainable ones included. */
  expectedTotal: number;
}

export interface ModelSet {
  /** Absolute folder holding INDEX.tsv, with a trailing separator. */
  dir: string;
  present: boolean;
  /** INDEX.tsv's rows; empty when the set is absent. */
  rows: ModelRow[];
  positives: ModelRow[];
  negatives: ModelRow[];
  path(file: string): string;
  load(file: string): unknown;
  /** The .bin shards the file's manifest names, read from beside it. */
  shards(file: string): ArrayBuffer[];
}

export const CORPUS_ENV = 'LAYERLOOM_CORPUS';
const here = dirname(fileURLToPath(import.meta.url));
const corpusRoot = env[CORPUS_ENV] ? resolve(env[CORPUS_ENV]) : join(here, '..', '..', '..', 'shared', 'corpus');

function readIndex(dir: string): ModelRow[] {
  const [header = [], ...table] = readFileSync(join(dir, 'INDEX.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));
  const cell = (cells: string[], name: string) => cells[header.indexOf(name)] ?? '';
  return table.map((cells) => ({
    file: cell(cells, 'file'),
    category: cell(cells, 'category'),
    negative: cell(cells, 'category').startsWith('NEGATIVE'),
    layerClasses: cell(cells, 'layer_class_names').split(',').filter(Boolean),
    expectedTotal: Number(cell(cells, 'expected_total_params')),
  }));
}

function modelSet(folder: string): ModelSet {
  const dir = join(folder, '/');
  const present = existsSync(join(dir, 'INDEX.tsv'));
  const rows = present ? readIndex(dir) : [];
  const path = (file: string) => join(dir, file);
  const load = (file: string): unknown => JSON.parse(readFileSync(path(file), 'utf8'));
  const shards = (file: string) => {
    const manifest = (load(file) as { weightsManifest: { paths: string[] }[] }).weightsManifest;
    return manifest.flatMap((group) =>
      group.paths.map((p) => {
        const bytes = readFileSync(join(dirname(path(file)), p));
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      }),
    );
  };
  const positives = rows.filter((r) => !r.negative);
  const negatives = rows.filter((r) => r.negative);
  return { dir, present, rows, positives, negatives, path, load, shards };
}

export const corpus = modelSet(join(corpusRoot, 'tfjs-layers-models'));
export const fixtures = modelSet(join(here, 'fixtures', 'tfjs-models'));

if (env[CORPUS_ENV] && !corpus.present)
  throw new Error(
    `${CORPUS_ENV}=${env[CORPUS_ENV]} has no tfjs-layers-models/INDEX.tsv; unset it or point it at the corpus`,
  );
if (!fixtures.present)
  throw new Error(`${fixtures.dir}INDEX.tsv is missing: run npx tsx scripts/build-model-fixtures.ts`);

export const CORPUS_SKIP_LINE = `Skipping the corpus tests: ../shared/corpus is not beside this clone (or set ${CORPUS_ENV}=<dir>)`;

/**
 * For `describe.skipIf(corpusMissing())`: true when the corpus is absent, after printing
 * CORPUS_SKIP_LINE (call it once per test file).
 */
export function corpusMissing(): boolean {
  if (!corpus.present) console.info(CORPUS_SKIP_LINE);
  return !corpus.present;
}
