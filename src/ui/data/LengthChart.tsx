import type { LengthHistogram } from '../../data/text';

/**
 * Token counts of the training texts as bars, the sequence length as a line: what lies right of
 * the line is cut. Drawn in a viewBox so it scales with the page; the axis says where it is.
 */
export function LengthChart({ histogram }: { histogram: LengthHistogram }) {
  const { bins, seqLen } = histogram;
  const w = 480;
  const h = 120;
  const pad = { left: 8, right: 8, top: 14, bottom: 18 };
  const end = Math.max(bins[bins.length - 1]?.to ?? 1, seqLen + 1);
  const x = (v: number) => pad.left + (v / end) * (w - pad.left - pad.right);
  const max = Math.max(1, ...bins.map((b) => b.count));
  const y = (c: number) => h - pad.bottom - (c / max) * (h - pad.top - pad.bottom);
  const lineX = x(seqLen);
  const labelLeft = lineX > w * 0.7;
  return (
    <svg
      className="text-lengths"
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={`Token counts of the training texts; sequence length ${seqLen}`}
      data-testid="length-histogram"
    >
      {bins.map((b) => (
        <rect
          key={b.from}
          className={b.from >= seqLen ? 'cut' : ''}
          x={x(b.from) + 0.5}
          y={y(b.count)}
          width={Math.max(1, x(b.to) - x(b.from) - 1)}
          height={h - pad.bottom - y(b.count)}
        >
          <title>{`${b.from}–${b.to - 1} tokens: ${b.count} texts`}</title>
        </rect>
      ))}
      <line className="axis" x1={pad.left} x2={w - pad.right} y1={h - pad.bottom} y2={h - pad.bottom} />
      <text className="tick" x={pad.left} y={h - 4}>
        0
      </text>
      <text className="tick" x={w - pad.right} y={h - 4} textAnchor="end">
        {end} tokens
      </text>
      <line
        className="seq-line"
        x1={lineX}
        x2={lineX}
        y1={pad.top - 10}
        y2={h - pad.bottom}
        data-testid="seq-len-line"
      />
      <text
        className="seq-label"
        x={lineX + (labelLeft ? -4 : 4)}
        y={pad.top - 2}
        textAnchor={labelLeft ? 'end' : 'start'}
      >
        sequence length {seqLen}
      </text>
    </svg>
  );
}
