/** The sanity bounds on sizes, as analyzeGraph reports them (the fuzz suite's bug 4, written out). */
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { buildGraph, type LayerDraft } from './build';
import { MAX_INPUT_DIM, MAX_PARAMS } from './size-limits';

const analyze = (...drafts: LayerDraft[]) => analyzeGraph(buildGraph(drafts));
const input = (shape: number[], extra = {}): LayerDraft => ({ type: 'Input', params: { shape, ...extra } });
const dense = (units: number): LayerDraft => ({ type: 'Dense', params: { units } });

describe('size limits', () => {
  it('pins an Input dimension of 1e308 to the Input, and no count is Infinity', () => {
    const a = analyze(input([1e308]), dense(1));
    expect(a.errors).toEqual([
      {
        nodeId: 'n1',
        message:
          "Input 'input' has a size of 1.0e+308 at position 1 of its shape; each size can be at most 16,777,216 (2^24). The shape is one sample without the batch, e.g. 28, 28, 1 for a small grayscale image",
      },
    ]);
    expect(a.totals.total).toBe(0);
  });

  it('accepts the largest dimension and refuses one more', () => {
    expect(analyze(input([MAX_INPUT_DIM]), dense(1)).errors).toEqual([]);
    expect(analyze(input([MAX_INPUT_DIM + 1]), dense(1)).errors[0]?.message).toMatch(
      /size of 16,777,217 at position 1/,
    );
  });

  it('refuses an Input whose dimensions multiply past 2^28 values per sample', () => {
    const a = analyze(input([4096, 4096, 32]), { type: 'Flatten' });
    expect(a.errors.map((e) => [e.nodeId, e.message])).toEqual([
      [
        'n1',
        expect.stringMatching(
          /describes 536,870,912 values per sample, more than the 268,435,456 \(2\^28\) a browser can hold/,
        ),
      ],
    ]);
  });

  it('refuses a fixed batch size past the largest training batch', () => {
    expect(analyze(input([4], { batch_size: 1e9 }), dense(1)).errors[0]).toMatchObject({
      nodeId: 'n1',
      param: 'batch_size',
    });
  });

  it('refuses a Dense of 10^12 units by its range, before any weights exist', () => {
    const a = analyze(input([4]), dense(1e12));
    expect(a.errors.map((e) => e.message)).toEqual(["Dense 'dense': Units must be at most 1e+6"]);
    expect(a.totals.total).toBe(0);
  });

  it('flags one layer past 2^31 parameters, keeping its exact count', () => {
    const a = analyze(input([MAX_INPUT_DIM]), dense(1_000));
    expect(a.errors).toEqual([
      {
        nodeId: 'n2',
        message: expect.stringMatching(
          /^Dense 'dense' would have 16,777,217,000 parameters, more than the 2,147,483,648 \(2\^31\) a model can have to train in a browser; use fewer units/,
        ),
      },
    ]);
    expect(a.totals.total).toBe(MAX_INPUT_DIM * 1000 + 1000);
  });

  it('flags a model whose layers add up past 2^31, pinned to the largest', () => {
    const a = analyze(input([40_000]), dense(40_000), dense(30_000), dense(1));
    expect(a.totals.total).toBeGreaterThan(MAX_PARAMS);
    expect(a.errors.map((e) => [e.nodeId, e.message])).toEqual([
      [
        'n2',
        expect.stringMatching(
          /^The model would have 2,800,100,001 parameters in all, .*; the largest layer is Dense 'dense' with 1,600,040,000\./,
        ),
      ],
    ]);
  });

  it('flags a layer output past 2^28 values per sample', () => {
    const a = analyze(input([MAX_INPUT_DIM]), { type: 'RepeatVector', params: { n: 32 } }, dense(1));
    expect(a.errors.map((e) => [e.nodeId, e.message])).toEqual([
      [
        'n2',
        expect.stringMatching(
          /^RepeatVector 'repeat_vector' would produce 536,870,912 values per sample, more than the 268,435,456/,
        ),
      ],
    ]);
  });
});
