import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../model/analyze';
import { setParams } from '../../model/graph-ops';
import { templateGraph } from '../../model/templates';
import { compileStatus, shownCounts } from './summary-status';

describe('compileStatus', () => {
  it('never says "✓ compiles" while a data mismatch is showing', () => {
    expect(compileStatus(6, 0, 0)).toMatchObject({ text: '✓ compiles', tone: 'ok' });
    expect(compileStatus(6, 0, 1)).toMatchObject({ text: '⚠ 1 data mismatch', tone: 'warn' });
    expect(compileStatus(6, 0, 2).text).toBe('⚠ 2 data mismatches');
  });

  it('counts graph problems first, and says empty for no layers', () => {
    expect(compileStatus(6, 2, 1)).toMatchObject({ text: '✗ 2 problems', tone: 'bad' });
    expect(compileStatus(0, 0, 0).text).toBe('empty');
  });
});

describe('shownCounts', () => {
  const good = templateGraph('mnist-cnn');
  const input = good.nodes.find((n) => n.type === 'Input')!;
  // A 2-D input breaks the Conv2D right after it: every count after the Input is lost.
  const broken = setParams(good, input.id, { shape: [28, 28] });

  it('keeps the last counts that compiled, marked stale, rather than a bare 0', () => {
    const before = analyzeGraph(good);
    const after = analyzeGraph(broken);
    expect(after.totals.total).toBe(0);
    const shown = shownCounts(after, before);
    expect(shown.note).toBe('stale');
    expect(shown.analysis.totals.total).toBe(before.totals.total);
  });

  it('without a last good version, shows the valid part, marked partial', () => {
    const shown = shownCounts(analyzeGraph(broken), null);
    expect(shown.note).toBe('partial');
  });

  it('shows the current counts, unmarked, when the graph compiles', () => {
    const a = analyzeGraph(good);
    expect(shownCounts(a, null)).toEqual({ analysis: a, note: null });
  });
});
