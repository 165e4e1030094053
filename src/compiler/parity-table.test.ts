import { describe, expect, it } from 'vitest';
import { formatParityTable, parityFailures, unexpectedRefusals, type ParityCell, type ParityRow } from './parity-table';

const diff = (maxAbsDiff: number): ParityCell => ({ kind: 'diff', maxAbsDiff });
const row = (
  model: string,
  tfjs: ParityCell,
  onnx: ParityCell = diff(0),
  pytorch: ParityCell = diff(0),
): ParityRow => ({
  model,
  inputs: 'random only',
  scale: 0.5,
  cells: { tfjs, onnx, pytorch },
});

describe('parity table', () => {
  it('fails a cell over the tolerance, a NaN or shape mismatch, and an error; passes refusals', () => {
    const rows = [
      row('ok', diff(1e-4)),
      row('over', diff(2e-4)),
      row('nan', diff(NaN)),
      row('shape', diff(Infinity)),
      row('broke', { kind: 'error', message: 'boom' }),
      row('refused', { kind: 'refused', reason: 'stateful' }),
    ];
    expect(parityFailures(rows, 1e-4)).toEqual([
      'over × tfjs: max abs diff 0.0002',
      'nan × tfjs: max abs diff NaN',
      'shape × tfjs: max abs diff Infinity',
      'broke × tfjs: boom',
    ]);
  });

  it('reports unexpected refusals, other reasons and expected refusals that did not happen', () => {
    const rows = [
      row('a', diff(0), { kind: 'refused', reason: 'mask_zero feeds an LSTM' }),
      row('b', { kind: 'refused', reason: 'stateful' }),
      row('c', diff(0)),
    ];
    const problems = unexpectedRefusals(rows, [
      { model: 'a', format: 'onnx', reason: /mask_zero/ },
      { model: 'b', format: 'tfjs', reason: /Masking/ },
      { model: 'c', format: 'pytorch', reason: /anything/ },
    ]);
    expect(problems).toEqual([
      'b × tfjs refused for another reason: stateful',
      'expected refusal did not happen: c × pytorch',
    ]);
    expect(unexpectedRefusals(rows, [])).toHaveLength(2);
  });

  it('prints one Markdown row per model with every format', () => {
    const text = formatParityTable([row('m', diff(1.5e-7), { kind: 'refused', reason: 'a | b' })], 1e-4);
    expect(text.split('\n')).toContain('| m | random only | 0.500 | 1.50e-7 | refused: a \\| b | 0.00e+0 |');
  });
});
