import { useState } from 'react';
import type { AttentionMap, ExplainedToken } from '../../worker/eval-protocol';
import { tokenLabel } from './text-view';

const CELL = 16;
const LABEL = 56;
/** Beyond this many tokens the grid would be unreadable; the first ones are drawn. */
const MAX_TOKENS = 40;

/**
 * Cell opacity on a square-root scale: attention spread evenly over 20 tokens (0.05 each) still
 * shows (0.22), and a weight of 1 is full colour. Relative to the largest weight, an even spread
 * would look as strong as a sharp focus.
 */
const shade = (w: number) => Math.max(0.04, Math.min(1, Math.sqrt(Math.max(0, w))));

/** One head's attention over the tokens: row = the token attending, column = the token attended to. */
function Grid({ map, head, tokens }: { map: AttentionMap; head: number; tokens: readonly ExplainedToken[] }) {
  const t = Math.round(Math.sqrt(map.weights.length / map.heads));
  const n = Math.min(t, MAX_TOKENS);
  const size = LABEL + n * CELL;
  const label = (i: number) => {
    const text = tokenLabel(tokens[i]?.text ?? '');
    return text.length > 6 ? `${text.slice(0, 5)}…` : text;
  };
  return (
    <svg
      className="eval-attention-grid"
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={`Attention of ${map.layer}, head ${head + 1}`}
    >
      {Array.from({ length: n }, (_, i) => (
        <g key={i}>
          <text x={LABEL - 4} y={LABEL + i * CELL + CELL * 0.7} textAnchor="end">
            {label(i)}
          </text>
          <text
            x={LABEL + i * CELL + CELL * 0.7}
            y={LABEL - 4}
            transform={`rotate(-90 ${LABEL + i * CELL + CELL * 0.7} ${LABEL - 4})`}
          >
            {label(i)}
          </text>
        </g>
      ))}
      {Array.from({ length: n * n }, (_, k) => {
        const q = Math.floor(k / n);
        const key = k % n;
        const w = map.weights[head * t * t + q * t + key] ?? 0;
        return (
          <rect
            key={k}
            x={LABEL + key * CELL}
            y={LABEL + q * CELL}
            width={CELL - 1}
            height={CELL - 1}
            style={{ fillOpacity: shade(w) }}
            className="eval-attention-cell"
          >
            <title>{`${tokenLabel(tokens[q]?.text ?? '')} → ${tokenLabel(tokens[key]?.text ?? '')}: ${w.toFixed(3)}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

/** Attention maps of the model's MultiHeadAttention layers, one layer and head at a time. */
export function AttentionMapView({
  maps,
  tokens,
}: {
  maps: readonly AttentionMap[];
  tokens: readonly ExplainedToken[];
}) {
  const [layer, setLayer] = useState(0);
  const [head, setHead] = useState(0);
  const map = maps[Math.min(layer, maps.length - 1)];
  if (!map) return null;
  const h = Math.min(head, map.heads - 1);
  return (
    <figure className="eval-attention" aria-label="Attention maps">
      <figcaption>
        Attention: each row is a token, each column what it reads (stronger colour: more weight, on a square-root scale;
        the numbers are in the tooltips)
      </figcaption>
      <div className="eval-attention-pickers">
        <label className="field">
          <span>Layer</span>
          <select value={layer} onChange={(e) => setLayer(Number(e.currentTarget.value))}>
            {maps.map((m, i) => (
              <option key={m.layer} value={i}>
                {m.layer}
              </option>
            ))}
          </select>
        </label>
        <div className="eval-attention-heads" role="group" aria-label="Head">
          {Array.from({ length: map.heads }, (_, i) => (
            <button key={i} type="button" aria-pressed={i === h} onClick={() => setHead(i)}>
              head {i + 1}
            </button>
          ))}
        </div>
      </div>
      <div className="eval-attention-scroll" tabIndex={0} role="region" aria-label="Attention grid: scrollable">
        <Grid map={map} head={h} tokens={tokens} />
      </div>
      {tokens.length > MAX_TOKENS && (
        <p className="eval-note">
          The first {MAX_TOKENS} of {tokens.length} tokens are drawn.
        </p>
      )}
    </figure>
  );
}
