/**
 * Export and save for the Deploy page. The ZIP is built in the evaluation worker, so a large
 * model never stalls the page; the download is one file, which browsers never rename or block.
 */
import { appStore } from '../../store/app-store';
import type { Exported } from '../../worker/eval-protocol';
import { downloadBlob, safeFileName } from '../download';
import { getClient } from '../evaluate/controller';

export type ExportResult = Omit<Exported, 'type' | 'id' | 'zip'> & { readonly zipBytes: number; readonly fileName: string };

/** Why nothing can be exported yet, or null. */
export function exportBlocker(): string | null {
  const st = appStore.getState();
  if (st.graph.nodes.length === 0) return 'The model is empty: build one on the Model page.';
  if (st.analysis.errors.length > 0) return `The model has errors (${st.analysis.errors[0]!.message}); fix them on the Model page.`;
  if (!st.lastGoodWeights) return 'There are no trained weights yet: train the model first (or open a model with its weights).';
  return null;
}

/** Names become file names and indexeddb:// keys: keep them short and printable. */
export function checkModelName(name: string): string | null {
  if (name.trim().length === 0) return 'Give the model a name.';
  if (name.length > 100) return 'The name is too long: use at most 100 characters.';
  if ([...name].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 32)) return 'The name cannot hold slashes or control characters.';
  return null;
}

export async function exportZip(name: string): Promise<ExportResult> {
  const st = appStore.getState();
  const weights = st.lastGoodWeights;
  if (!weights) throw new Error(exportBlocker() ?? 'Nothing to export.');
  const d = st.dataset;
  const client = await getClient();
  const out = await client.exportModel({
    name,
    graph: st.graph,
    weights,
    dataset: d ? { name: d.name, kind: d.kind, task: d.task, inputShape: d.inputShape, classNames: d.classNames, transform: d.transform } : null,
  });
  const fileName = `${safeFileName(name)}.zip`;
  downloadBlob(new Blob([out.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), fileName);
  return { files: out.files, snippets: out.snippets, warnings: out.warnings, zipBytes: out.zip.byteLength, fileName };
}

export async function saveInBrowser(name: string): Promise<string> {
  const st = appStore.getState();
  const weights = st.lastGoodWeights;
  if (!weights) throw new Error(exportBlocker() ?? 'Nothing to save.');
  const client = await getClient();
  const saved = await client.saveToBrowser({ name, graph: st.graph, weights });
  return saved.url;
}
