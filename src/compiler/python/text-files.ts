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

/** `{ 'tokenizer.py': … }` for a text model's project, else nothing. */
export function textProjectFiles(metadata: unknown): Record<string, string> {
  return isTextMetadata(metadata) ? { 'tokenizer.py': tokenizerPy() } : {};
}
