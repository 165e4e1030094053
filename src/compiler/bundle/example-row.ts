import type { TabularPreprocessing } from './metadata-schema';

const round = (v: number) => Number(v.toPrecision(6));

/**
 * A plausible raw row for code examples: each column's training fill value (mean, mode, …), spelled
 * as the CSV would spell it, by column name in file order.
 */
export function exampleRow(tabular: TabularPreprocessing): [string, string][] {
  return tabular.features.map((f) => {
    if (f.type === 'categorical') return [f.name, f.fill];
    if (f.type === 'boolean') return [f.name, f.names[f.fill]];
    // An id the model knows, and a few of the commonest words (a word tokenizer's vocabulary order).
    if (f.type === 'id') return [f.name, f.values[0] ?? ''];
    if (f.type === 'text') return [f.name, f.tokenizer.vocab.slice(2, 8).join(f.tokenizer.kind === 'word' ? ' ' : '')];
    if (f.type === 'date') return [f.name, new Date(Math.round(f.fill) * 86_400_000).toISOString().slice(0, 10)];
    return [f.name, f.decimalComma ? String(round(f.fill)).replace('.', ',') : String(round(f.fill))];
  });
}
