import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph, type LayerDraft } from '../../model/build';
import { checkOnnxModels, onnxParity } from './parity-support';

export const ONNX_TOLERANCE = 1e-4;

/**
 * Test-only: the tests every layer-family file runs. One per case: its ONNX export matches tfjs
 * within 1e-4, with outputs large enough to tell a difference. Then onnx.checker (full_check) on
 * every model the family wrote. `more` adds the family's own tests; the models they export go
 * into `written` and are checked too.
 */
export function onnxFamily(
  title: string,
  cases: Readonly<Record<string, LayerDraft[]>>,
  more?: (written: Record<string, Uint8Array>) => void,
): void {
  describe(title, () => {
    beforeAll(async () => {
      await tf.setBackend('cpu');
    });

    const written: Record<string, Uint8Array> = {};
    for (const [name, drafts] of Object.entries(cases)) {
      it(`${name}: matches tfjs`, async () => {
        const r = await onnxParity(buildGraph(drafts));
        console.log(`${name}: max abs diff ${r.maxAbsDiff.toExponential(2)} (outputs up to ${r.scale.toFixed(3)})`);
        expect(r.maxAbsDiff).toBeLessThanOrEqual(ONNX_TOLERANCE);
        expect(r.scale).toBeGreaterThan(0.01);
        written[name] = r.bytes;
      });
    }
    more?.(written);

    it('passes onnx.checker.check_model(full_check=True)', async () => {
      const results = await checkOnnxModels(written);
      expect(Object.keys(results).length).toBeGreaterThanOrEqual(Object.keys(cases).length);
      expect(Object.keys(results).sort()).toEqual(Object.keys(written).sort());
      expect(Object.entries(results).filter(([, e]) => e !== null)).toEqual([]);
    });
  });
}
