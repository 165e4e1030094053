/**
 * The export ZIP (layout, determinism, path checks), the standalone page's static guarantees (CSP,
 * no inline script or handlers, no HTML from strings, nothing remote), and the snippets' escaping
 * of hostile names: the JS parses, and the Python runs (with stand-ins for Keras) on the right row.
 */
import * as tf from '@tensorflow/tfjs';
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../data/csv/parse';
import type { TabularTransform } from '../../data/preprocess';
import { applyTransform } from '../../data/preprocess-apply';
import { imageTransform } from '../../data/images/transform';
import { prepareTabular } from '../../data/tabular';
import type { PreparedDataset } from '../../data/types';
import { buildGraph } from '../../model/build';
import { compileSeeded } from '../../training';
import { generateKerasProject } from '../python';
import { KERAS_STUB_INIT } from '../python/keras-stub';
import { findTestPython } from '../python/python-env';
import { extractWeights } from '../weights';
import type { Graph } from '../../model/graph';
import type { LayerWeights } from '../../model/weights';
import { exampleRow } from './example-row';
import {
  metadataFromDataset,
  metadataFromSignature,
  modelSignature,
  readMetadata,
  type ExportMetadata,
} from './metadata';
import { browserSnippet, nodeSnippet } from './snippets';
import { pythonSnippet } from './snippets-python';
import { STANDALONE_SOURCES } from './standalone/sources';
import { buildTfjsFiles, tfjsFileEntries, type TfjsFiles } from './tfjs-bundle';
import { buildExportZip, ExportZipError, type ExportZipParts } from './zip';

const exec = promisify(execFile);
const resolve = createRequire(import.meta.url).resolve;
const TF_ES2017 = resolve('@tensorflow/tfjs/dist/tf.es2017.min.js');
const CLASSES = ['it\'s "quoted"', 'back\\slash ${x} `tick`', '</script><b>bold</b>'];
const COLUMNS = ['we"ird, col', '__proto__', 'emoji 🎉 line\u2028sep', 'joined', 'kind'];
const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;

/** A table whose column and class names are hostile to every language the export writes. */
async function hostileDataset(): Promise<PreparedDataset> {
  const lines = [COLUMNS.map(csvCell).join(',')];
  for (let i = 0; i < 60; i++) {
    const row = [
      String((i * 7) % 11),
      ['red', 'green', 'blue'][i % 3]!,
      i % 4 ? 'yes' : 'no',
      `2020-0${1 + (i % 9)}-1${i % 10}`,
    ];
    lines.push([...row, CLASSES[i % 3]!].map(csvCell).join(','));
  }
  return prepareTabular(await parseCsv(lines.join('\n')), { label: 'kind', name: 'Hostile <table>' }).dataset;
}

let work = '';
let dataset: PreparedDataset;
let tfjs: TfjsFiles;
let metadata: ExportMetadata;
let parts: ExportZipParts;
let graph: Graph;
let weights: LayerWeights;
const MODEL_NAME = 'My "model" # <b>not bold</b>';
const KERAS_STUBS = {
  // Stand-ins for the generated Keras project in the layout tests (the Python run uses the real one).
  'model.py': [
    'import numpy as np',
    'class _Stub:',
    '    def predict(self, x, verbose=0):',
    '        x.astype("<f4").tofile("seen.bin")',
    '        return np.array([[0.2, 0.5, 0.3]], dtype=np.float32)',
    'def build_model():',
    '    return _Stub()',
    '',
  ].join('\n'),
  'load_weights.py': 'def load_weights(model):\n    pass\n',
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  work = await mkdtemp(join(tmpdir(), 'layerloom-zip-'));
  dataset = await hostileDataset();
  graph = buildGraph([
    { type: 'Input', params: { shape: [...dataset.inputShape] } },
    { type: 'Dense', params: { units: 3, activation: 'softmax' } },
  ]);
  const model = compileSeeded(graph, 1);
  weights = extractWeights(model, graph);
  model.dispose();
  tfjs = buildTfjsFiles({ name: MODEL_NAME, graph, weights, dataset });
  metadata = readMetadata(tfjs['metadata.json']);
  parts = { tfjs, web: STANDALONE_SOURCES, tfMinJs: new Uint8Array(await readFile(TF_ES2017)), keras: KERAS_STUBS };
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Byte equality without vitest's element-by-element diffing, which takes seconds on megabytes. */
const sameBytes = (a: Uint8Array | undefined, b: Uint8Array) =>
  a !== undefined && Buffer.from(a).equals(Buffer.from(b));

async function writeTree(dir: string, files: Record<string, Uint8Array>): Promise<void> {
  for (const [path, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
}

describe('buildExportZip', () => {
  it('lays the files out as documented, in a fixed order', () => {
    const files = unzipSync(buildExportZip(parts));
    expect(Object.keys(files)).toEqual([
      'README.md',
      'tfjs/model.json',
      'tfjs/weights.bin',
      'tfjs/metadata.json',
      'web/index.html',
      'web/app.js',
      'web/preprocess.js',
      'web/style.css',
      'web/tf.min.js',
      'web/package.json',
      'web/model.json',
      'web/weights.bin',
      'web/metadata.json',
      'keras/load_weights.py',
      'keras/model.py',
    ]);
    expect(sameBytes(files['web/tf.min.js'], parts.tfMinJs)).toBe(true);
    for (const [name, bytes] of tfjsFileEntries(tfjs)) {
      expect(sameBytes(files[`web/${name}`], bytes)).toBe(true);
      expect(sameBytes(files[`tfjs/${name}`], bytes)).toBe(true);
    }
    expect(new TextDecoder().decode(files['web/preprocess.js'])).toBe(STANDALONE_SOURCES['preprocess.js']);
    expect(STANDALONE_SOURCES['preprocess.js']).toMatch(/^\/\/ Layerloom export/);
  });

  it('gives the same bytes every time, in any time zone, stamped 1980-01-01 00:00', () => {
    const first = buildExportZip(parts);
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(sameBytes(buildExportZip(parts), first)).toBe(true);
      process.env.TZ = 'America/Los_Angeles';
      expect(sameBytes(buildExportZip(parts), first)).toBe(true);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const header = new DataView(first.buffer, first.byteOffset);
    expect(header.getUint32(0, true)).toBe(0x04034b50);
    expect([header.getUint16(10, true), header.getUint16(12, true)]).toEqual([0, (1 << 5) | 1]);
  });

  it.each(['../evil.py', '/etc/passwd', 'a\\b.py', 'c:/x.py', 'dir//x.py', './x.py', ''])(
    'refuses the Keras path %j',
    (path) => {
      expect(() => buildExportZip({ ...parts, keras: { [path]: 'x' } })).toThrow(ExportZipError);
      expect(() => buildExportZip({ ...parts, keras: { [path]: 'x' } })).toThrow(/is not a plain relative path/);
    },
  );

  it('says what is missing', () => {
    expect(() => buildExportZip({ ...parts, tfMinJs: new Uint8Array(0) })).toThrow(
      'tf.min.js is empty; pass the bytes of @tensorflow/tfjs/dist/tf.es2017.min.js',
    );
    expect(() => buildExportZip({ ...parts, web: { ...parts.web, 'app.js': '' } })).toThrow(
      "The standalone page's app.js is missing or empty",
    );
  });
});

describe('the standalone page', () => {
  it('refuses a TensorFlow.js bundle that its CSP would stop (the ES5 dist/tf.min.js)', async () => {
    const es5 = new Uint8Array(await readFile(resolve('@tensorflow/tfjs/dist/tf.min.js')));
    expect(() => buildExportZip({ ...parts, tfMinJs: es5 })).toThrow(
      /evaluates strings as code, which the exported page's Content-Security-Policy forbids/,
    );
  });

  const html = STANDALONE_SOURCES['index.html'];
  const app = STANDALONE_SOURCES['app.js'];

  it('declares the strict CSP and loads only local scripts, with no inline script or handler', () => {
    expect(html).toContain(
      `content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'"`,
    );
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => /src="([^"]+)"/.exec(m[1]!)?.[1])).toEqual(['tf.min.js', 'app.js']);
    expect(scripts.every((m) => m[2]!.trim() === '')).toBe(true);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\sstyle\s*=|<style/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('never turns strings into HTML or code, and fetches only files next to it', () => {
    for (const source of [
      app,
      STANDALONE_SOURCES['preprocess.js'],
      STANDALONE_SOURCES['tokenize.js']!,
      STANDALONE_SOURCES['layers.js']!,
    ]) {
      expect(source).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\('on/,
      );
      expect(source).not.toMatch(/https?:\/\//);
    }
    expect(app).toContain("from './preprocess.js'");
    // model.json is fetched again after layers.js registers Layerloom's own layers.
    expect(new Set([...app.matchAll(/here\('([^']+)'\)/g)].map((m) => m[1]))).toEqual(
      new Set(['metadata.json', 'model.json']),
    );
  });
});

describe('snippets and README with hostile names', () => {
  it('escape the names in README Markdown', () => {
    const readme = new TextDecoder().decode(unzipSync(buildExportZip(parts))['README.md']);
    expect(readme.split('\n')[0]).toBe('# My "model" \\# \\<b\\>not bold\\</b\\>');
    expect(readme).toContain('- \\</script\\>\\<b\\>bold\\</b\\>');
    const prose = readme.replace(/```[\s\S]*?```/g, '');
    expect(prose).not.toMatch(/(^|[^\\])</m);
    expect(readme).toMatch(/CLASS_NAMES = \[.*"<\/script><b>bold<\/b>"/);
  });

  /** The hostile table, an RGB image model and a model with no dataset: every branch of the snippets. */
  const variants = (): [string, ExportMetadata][] => {
    const image = imageTransform({ width: 5, height: 4, channels: 3 }, 'center-crop');
    const imageData = { ...dataset, kind: 'image' as const, inputShape: [4, 5, 3], transform: image };
    const graph = buildGraph([
      { type: 'Input', params: { shape: [3, 2] } },
      { type: 'Dense', params: { units: 2 } },
    ]);
    return [
      ['table', metadata],
      ['image', metadataFromDataset(imageData, 'pic "\\" \u2028')],
      ['raw', metadataFromSignature(modelSignature(graph), "raw 'model'")],
    ];
  };

  it('write JavaScript that parses, with every name as a literal', async () => {
    for (const [key, meta] of variants()) {
      for (const [name, code] of [
        [`${key}-browser.mjs`, browserSnippet(meta)],
        [`${key}-node.mjs`, nodeSnippet(meta)],
      ] as const) {
        await writeFile(join(work, name), code);
        await expect(exec(process.execPath, ['--check', join(work, name)])).resolves.toBeDefined();
      }
    }
    expect(nodeSnippet(metadata)).toMatch(/^ {2}\["__proto__"\]: "(red|green|blue)",$/m);
  });

  const hasPython = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!hasPython)('write Python that parses for every kind of model', async () => {
    const files = variants().map(([key]) => join(work, `${key}.py`));
    for (const [i, [, meta]] of variants().entries()) await writeFile(files[i]!, pythonSnippet(meta));
    const check = 'import ast, sys\nfor f in sys.argv[1:]: ast.parse(open(f, encoding="utf-8").read(), f)';
    await expect(exec('python3', ['-c', check, ...files])).resolves.toBeDefined();
  });

  it('write Python that runs from the export root with the real keras/ project, and feeds the model the app’s numbers', async () => {
    const { python } = await findTestPython();
    // The generated keras/ folder as the app writes it: the real model.py and load_weights.py.
    const project = generateKerasProject(graph, {
      modelName: MODEL_NAME,
      weights,
      metadata: { transform: dataset.transform, classNames: dataset.classNames },
    });
    const keras: Record<string, Uint8Array | string> = {
      ...project.files,
      'weights.bin': new Uint8Array(project.weightsBin!),
    };
    const dir = join(work, 'python');
    await writeTree(dir, unzipSync(buildExportZip({ ...parts, keras })));
    await writeFile(join(dir, 'predict.py'), pythonSnippet(metadata));
    // Only Keras itself is a stand-in (it is not installed here): it records what the model is fed.
    const stub = join(work, 'stub', 'keras');
    await mkdir(stub, { recursive: true });
    const shapes = Object.fromEntries(
      Object.entries(weights).map(([layer, list]) => [layer, list.map((w) => w.shape)]),
    );
    await writeFile(
      join(stub, '__init__.py'),
      [
        KERAS_STUB_INIT,
        'import numpy as _np',
        `WEIGHT_SHAPES.update(json.loads(${JSON.stringify(JSON.stringify(shapes))}))`,
        'def _predict(self, x, verbose=0):',
        '    unset = [l.name for l in self.layers if WEIGHT_SHAPES.get(l.name) and l.assigned is None]',
        '    if unset:',
        '        raise RuntimeError(f"no weights were loaded into {unset}")',
        '    x.astype("<f4").tofile("seen.bin")',
        '    return _np.array([[0.2, 0.5, 0.3]], dtype=_np.float32)',
        'Model.predict = _predict',
        '',
      ].join('\n'),
    );
    const { stdout } = await exec(python, ['predict.py'], {
      cwd: dir,
      timeout: 30_000,
      env: { ...process.env, PYTHONPATH: join(work, 'stub') },
    });
    const names = metadata.classNames!;
    expect([...names].sort()).toEqual([...CLASSES].sort());
    // The stand-in model answers [0.2, 0.5, 0.3] by class index; the snippet prints most likely first.
    expect(stdout).toBe(`${names[1]}: 0.500\n${names[2]}: 0.300\n${names[0]}: 0.200\n`);

    const seen = await readFile(join(dir, 'seen.bin'));
    const pre = metadata.preprocessing;
    if (pre?.kind !== 'tabular') throw new Error('expected tabular preprocessing');
    const expected = applyTransform(dataset.transform as TabularTransform, Object.fromEntries(exampleRow(pre)));
    expect(new Float32Array(seen.buffer.slice(seen.byteOffset, seen.byteOffset + seen.byteLength))).toEqual(expected);
    expect(pre.features.map((f) => f.type)).toEqual(['numeric', 'categorical', 'boolean', 'date']);
  });
});
