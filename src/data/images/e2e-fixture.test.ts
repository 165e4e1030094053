import { describe, expect, it } from 'vitest';
import {
  CLASSES,
  EXPECTED_DECODE_FAILURES,
  EXPECTED_SKIPS,
  makeImageZip,
} from '../../../e2e/fixtures/make-image-zip.mjs';
import { scanImageZip, summarizeScan } from './scan';
import { chunkedSource } from './test-fixtures';

describe('the e2e image fixture (e2e/fixtures/make-image-zip.mjs)', () => {
  it('scans to three classes, skipping exactly the files it promises to', async () => {
    const zip = makeImageZip();
    const result = await scanImageZip(chunkedSource(zip, 1000), 'shapes.zip');
    if (!result.ok) throw new Error(result.error);
    const r = result.report;
    expect(r.classes).toEqual([
      { name: 'blue', count: 8 },
      { name: 'green', count: 9 }, // includes truncated.png, which only fails when decoded
      { name: 'red', count: 8 },
    ]);
    expect(Object.keys(CLASSES).sort()).toEqual(r.classes.map((c) => c.name));
    expect(r.skipped.map((s) => s.path)).toEqual(Object.keys(EXPECTED_SKIPS).sort());
    for (const s of r.skipped) expect(s.reason.startsWith(EXPECTED_SKIPS[s.path]!)).toBe(true);
    const truncated = Object.keys(EXPECTED_DECODE_FAILURES)[0]!;
    expect(r.samples.some((s) => s.path === truncated)).toBe(true);
    expect(r.warnings).toEqual([]);

    const summary = summarizeScan(r);
    expect(summary.sampleCount).toBe(25);
    expect('samples' in summary).toBe(false);
  });
});
