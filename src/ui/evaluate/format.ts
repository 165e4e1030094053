/** Number formats shared by the Evaluate page: scores as 0.931, shares as 93.1 %. */
export const score = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '—');
export const percent = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '—');
export const value = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : '—');

/** Class name for index i, or "class i" when the dataset has none. */
export function className(names: readonly string[] | null, i: number): string {
  return names?.[i] ?? `class ${i}`;
}
