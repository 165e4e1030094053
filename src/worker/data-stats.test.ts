import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/tabular';
import { classBalance, columnStats, previewRows } from './data-stats';

const CSV = 'x,color,label\r\n1,red,a\r\n2,"blue, dark",b\r\n,red,a\r\n10,red,c\r\n';

describe('column statistics for the Data page', () => {
  it('histograms numbers, counts categories, previews cells and balances the label', async () => {
    const parsed = await parseCsv(CSV);
    const [x, color] = columnStats(parsed);
    expect(x!.histogram).toMatchObject({ min: 1, max: 10, mean: 13 / 3 });
    expect(x!.histogram!.bins.reduce((a, b) => a + b, 0)).toBe(3);
    expect(x!.histogram!.bins.slice(0, 2)).toEqual([1, 1]);
    expect(x!.histogram!.bins.at(-1)).toBe(1);
    expect(color!.top).toEqual([
      { value: 'red', count: 3 },
      { value: 'blue, dark', count: 1 },
    ]);
    expect(previewRows(parsed, 2)).toEqual([
      ['1', 'red', 'a'],
      ['2', 'blue, dark', 'b'],
    ]);
    expect(previewRows(parsed, 10)[2]).toEqual(['', 'red', 'a']);
    expect(classBalance(parsed, 'label')).toEqual([
      { name: 'a', count: 2 },
      { name: 'b', count: 1 },
      { name: 'c', count: 1 },
    ]);
    expect(classBalance(parsed, 'nope')).toBeNull();
  });
});
