/**
 * Save in browser (tfjs's IndexedDB store) is read back before the app calls it saved: the weights
 * read back must have the size and SHA-256 of those written, and the same names and shapes, so a
 * quota that cut the write or a store that lost it refuses the save instead of loading a damaged
 * model later.
 */
import type * as tf from '@tensorflow/tfjs';
import { concatBuffers } from '../../model/weights';
import { ExportCheckError, sha256Hex } from './verify-zip';

const weightBytes = (a: tf.io.ModelArtifacts) =>
  new Uint8Array(a.weightData ? concatBuffers(a.weightData) : new ArrayBuffer(0));

/** Throws `ExportCheckError` unless `readBack` holds the model and weights of `written`. */
export async function checkSavedModel(
  where: string,
  written: tf.io.ModelArtifacts,
  readBack: tf.io.ModelArtifacts | null,
): Promise<void> {
  const fail = (what: string): never => {
    throw new ExportCheckError(
      `The model saved at ${where} does not read back as it was saved: ${what}. Save it again (if it repeats, the browser's storage may be full: free some in its settings).`,
    );
  };
  if (!readBack) return fail('nothing was found there');
  if (!readBack.modelTopology) fail('it has no model topology');
  const specs = (a: tf.io.ModelArtifacts) =>
    JSON.stringify((a.weightSpecs ?? []).map((s) => [s.name, s.shape, s.dtype]));
  if (specs(readBack) !== specs(written)) fail('its weights have other names or shapes');
  const before = weightBytes(written);
  const after = weightBytes(readBack);
  if (after.byteLength !== before.byteLength)
    fail(`its weights are ${after.byteLength} bytes, not ${before.byteLength}`);
  if ((await sha256Hex(after)) !== (await sha256Hex(before)))
    fail('its weights have a different SHA-256 than those saved');
}
