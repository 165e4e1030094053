/**
 * Pure helpers of the text views on Evaluate: how a token's importance becomes a colour, how
 * streamed pieces are gathered into one update per frame, and how tokens are shown.
 */

/** The largest |importance| among the tokens (at least a small floor, so noise stays pale). */
export function importanceScale(importance: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < importance.length; i++) max = Math.max(max, Math.abs(importance[i]!));
  return Math.max(max, 0.02);
}

/**
 * A token's highlight: green when removing it lowers the predicted class's probability (it
 * pushed towards the class), red when it raises it; opacity from 0 to 0.75 by its share of the
 * largest. The text keeps the page's colour, so the tint stays legible in both themes.
 */
export function importanceTint(value: number, scale: number): { sign: 'for' | 'against' | 'none'; alpha: number } {
  if (!Number.isFinite(value) || scale <= 0 || value === 0) return { sign: 'none', alpha: 0 };
  const alpha = Math.min(1, Math.abs(value) / scale) * 0.75;
  return { sign: value > 0 ? 'for' : 'against', alpha: Number(alpha.toFixed(3)) };
}

/** "+0.123" / "−0.045": a probability change in points as a signed decimal. */
export function signed(value: number): string {
  const text = Math.abs(value).toFixed(3);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** How a token reads in a chip: spaces and line breaks made visible, [UNK] spelled out. */
export function tokenLabel(text: string): string {
  if (text === '') return '∅';
  return text.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\t/g, '⇥');
}

/**
 * Gathers streamed text pieces and hands them on at most once per frame: a fast model samples
 * hundreds of tokens a second, and one React update per token would stall the page.
 */
export function pieceBuffer(
  flush: (text: string) => void,
  nextFrame: (fn: () => void) => () => void,
): { push(piece: string): void; drain(): void; cancel(): void } {
  let pending = '';
  let cancelFrame: (() => void) | null = null;
  const drain = () => {
    cancelFrame = null;
    if (pending === '') return;
    const text = pending;
    pending = '';
    flush(text);
  };
  return {
    push(piece) {
      pending += piece;
      cancelFrame ??= nextFrame(drain);
    },
    drain() {
      cancelFrame?.();
      drain();
    },
    cancel() {
      cancelFrame?.();
      cancelFrame = null;
      pending = '';
    },
  };
}

/** A request the user cancelled (Stop, or newer text) rejects with an AbortError: not a failure to show. */
export function isCancelled(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}
