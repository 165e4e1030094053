/**
 * tokenizer.py in a Python project (keras/ and pytorch/ alike, the same bytes in both, as with
 * preprocess.py): written when metadata.json's transform is a text one, for predict.py's --text and
 * --generate (preprocess.prepare_text imports it).
 */
import { tokenizerPy } from './tokenizer-py';

export function isTextMetadata(metadata: unknown): boolean {
  const m = metadata as { transform?: { kind?: unknown } | null } | null | undefined;
  return m?.transform?.kind === 'text';
}

/** A table with a text-role column (mixed inputs): preprocess.prepare_tabular tokenizes it with tokenizer.py. */
function hasTextFeature(metadata: unknown): boolean {
  const m = metadata as { transform?: { kind?: unknown; features?: unknown } | null } | null | undefined;
  const features = m?.transform?.kind === 'tabular' ? m.transform.features : null;
  return Array.isArray(features) && features.some((f) => (f as { type?: unknown } | null)?.type === 'text');
}

/** `{ 'tokenizer.py': … }` for a text model's project (or a table with a text column), else nothing. */
export function textProjectFiles(metadata: unknown): Record<string, string> {
  return isTextMetadata(metadata) || hasTextFeature(metadata) ? { 'tokenizer.py': tokenizerPy() } : {};
}
