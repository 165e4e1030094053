import type { GraphAnalysis } from '../../model/analyze';

export interface CompileStatus {
  text: string;
  tone: 'ok' | 'warn' | 'bad' | 'empty';
  title?: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The footer's verdict. "✓ compiles" only when nothing is wrong: a mismatch with the chosen
 * data (shown on a node in amber) makes it a warning, since training would fail on it.
 */
export function compileStatus(layers: number, errors: number, dataWarnings: number): CompileStatus {
  if (layers === 0) return { text: 'empty', tone: 'empty' };
  if (errors > 0) return { text: `✗ ${plural(errors, 'problem')}`, tone: 'bad' };
  if (dataWarnings > 0) {
    return {
      text: `⚠ ${plural(dataWarnings, 'data mismatch')}`.replace('mismatchs', 'mismatches'),
      tone: 'warn',
      title: 'The graph compiles, but does not fit the chosen data yet: see the amber layer',
    };
  }
  return { text: '✓ compiles', tone: 'ok' };
}

export interface ShownCounts {
  analysis: GraphAnalysis;
  /** null: the current graph's own counts; 'partial': only its valid layers; 'stale': the last version that compiled. */
  note: null | 'partial' | 'stale';
}

/**
 * Which counts the footer shows. A problem stops shape inference at that layer, so the current
 * totals cover only the layers before it: the last counts that compiled (in this editing
 * history) stand in, marked stale; without them, the valid part's counts, marked partial.
 */
export function shownCounts(current: GraphAnalysis, lastGood: GraphAnalysis | null): ShownCounts {
  if (current.errors.length === 0) return { analysis: current, note: null };
  if (lastGood && lastGood.errors.length === 0) return { analysis: lastGood, note: 'stale' };
  return { analysis: current, note: 'partial' };
}
