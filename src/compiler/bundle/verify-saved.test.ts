import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import { compileSeeded } from '../../training';
import { checkSavedModel } from './verify-saved';
import { ExportCheckError } from './verify-zip';

let written: tf.io.ModelArtifacts;

/** The artifacts with their weights replaced by `change` of a copy of the bytes. */
function withWeights(change: (bytes: Uint8Array) => Uint8Array): tf.io.ModelArtifacts {
  const bytes = new Uint8Array(written.weightData as ArrayBuffer).slice();
  const out = change(bytes);
  return { ...written, weightData: out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  const graph = buildGraph([
    { type: 'Input', params: { shape: [6] } },
    { type: 'Dense', params: { units: 4 } },
  ]);
  const model = compileSeeded(graph, 2);
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      written = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
});

describe('checkSavedModel (save in browser, read back)', () => {
  it('passes the model read back as saved, also when tfjs hands the weights back in pieces', async () => {
    await expect(
      checkSavedModel(
        'indexeddb://m',
        written,
        withWeights((b) => b),
      ),
    ).resolves.toBeUndefined();
    const b = new Uint8Array(written.weightData as ArrayBuffer);
    const pieces = [b.slice(0, 40).buffer, b.slice(40).buffer];
    await expect(
      checkSavedModel('indexeddb://m', written, { ...written, weightData: pieces }),
    ).resolves.toBeUndefined();
  });

  it('refuses weights cut short, changed, or renamed, and nothing read back', async () => {
    const check = (back: tf.io.ModelArtifacts | null) => checkSavedModel('indexeddb://m', written, back);
    await expect(check(withWeights((b) => b.subarray(0, 64)))).rejects.toThrow(
      /indexeddb:\/\/m .*weights are 64 bytes, not 112/,
    );
    await expect(
      check(
        withWeights((b) => {
          b[5] = b[5]! ^ 0x10;
          return b;
        }),
      ),
    ).rejects.toThrow(/different SHA-256/);
    const renamed = {
      ...written,
      weightSpecs: written.weightSpecs!.map((s, i) => (i === 0 ? { ...s, name: 'other' } : s)),
    };
    await expect(check(renamed)).rejects.toThrow(/other names or shapes/);
    await expect(check(null)).rejects.toThrow(ExportCheckError);
  });
});
