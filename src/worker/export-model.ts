/**
 * The export ZIP, built off the main thread: tfjs files + metadata, the standalone page with a
 * local copy of tf.min.js, the Keras project, onnx/model.onnx, the PyTorch project and the snippets.
 * A format that cannot express the model is left out; its warning reaches the Deploy page.
 */
// The ES2017 build: the ES5 tf.min.js turns strings into code when it loads, which the page's CSP forbids.
import tfMinJsUrl from '@tensorflow/tfjs/dist/tf.es2017.min.js?url';
import { buildCheckedExportZip, exportSnippets, exportZipEntries } from '../compiler/bundle';
import { buildExportParts } from '../compiler/bundle/export-parts';
import { withOtherFormats } from '../compiler/bundle/format-parts';
import { ganSnippets } from '../compiler/bundle/snippets-gan';
import { STANDALONE_SOURCES } from '../compiler/bundle/standalone/sources';
import type { Exported, ExportRequest } from './eval-protocol';

let tfMinJs: Promise<Uint8Array> | null = null;

function loadTfMinJs(): Promise<Uint8Array> {
  tfMinJs ??= fetch(tfMinJsUrl).then(async (r) => {
    if (!r.ok)
      throw new Error(`tf.min.js could not be read from the app (${r.status}); reload the page and try again.`);
    return new Uint8Array(await r.arrayBuffer());
  });
  return tfMinJs;
}

export async function buildExport(req: ExportRequest): Promise<Exported> {
  const input = {
    name: req.name,
    graph: req.graph,
    weights: req.weights,
    dataset: req.dataset,
    run: req.run,
    data: req.data ?? null,
    gan: req.gan ?? null,
  };
  const base = buildExportParts(input, STANDALONE_SOURCES, await loadTfMinJs());
  const { parts, metadata, warnings } = withOtherFormats(base, input);
  const files = exportZipEntries(parts).map(([path, bytes]) => ({ path, bytes: bytes.byteLength }));
  return {
    type: 'exported',
    id: req.id,
    // Read back and checked (every weight file's size and SHA-256) before the app calls it done.
    zip: await buildCheckedExportZip(parts),
    files,
    snippets: metadata.gan ? ganSnippets(metadata.gan) : exportSnippets(metadata),
    warnings: [...warnings],
  };
}
