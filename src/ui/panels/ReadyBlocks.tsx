import { useState } from 'react';
import { DEFAULT_TRANSFORMER_SIZES, READY_BLOCKS } from '../../model/ready-blocks';
import { actions } from '../../store/app-store';
import '../blocks.css';

const SIZE_FIELDS = [
  { key: 'heads', label: 'Heads' },
  { key: 'keyDim', label: 'Key size' },
  { key: 'ff', label: 'FF units' },
] as const;

type Sizes = Record<(typeof SIZE_FIELDS)[number]['key'], number>;

/**
 * The palette's ready blocks: a Transformer encoder and a causal decoder, inserted after the
 * selected layer with the sizes set here; the model width comes from that layer's output.
 */
export function ReadyBlocks() {
  const [sizes, setSizes] = useState<Sizes>({
    heads: DEFAULT_TRANSFORMER_SIZES.heads,
    keyDim: DEFAULT_TRANSFORMER_SIZES.keyDim,
    ff: DEFAULT_TRANSFORMER_SIZES.ff,
  });
  return (
    <section className="palette-group ready-blocks" aria-label="Ready blocks">
      <h3>Blocks</h3>
      <div className="ready-blocks-sizes">
        {SIZE_FIELDS.map((f) => (
          <label key={f.key}>
            {f.label}
            <input
              type="number"
              min={1}
              step={1}
              value={sizes[f.key]}
              onChange={(e) => {
                const n = Math.floor(Number(e.target.value));
                if (Number.isFinite(n) && n >= 1) setSizes({ ...sizes, [f.key]: n });
              }}
            />
          </label>
        ))}
      </div>
      <div className="palette-items">
        {READY_BLOCKS.map((b) => (
          <button
            key={b.id}
            type="button"
            className="palette-item cat-attention"
            title={`${b.description}.\nClick to add it after the selected layer; its width follows that layer's output.`}
            onClick={() => actions.insertReadyBlock(b.id, sizes)}
          >
            {b.title}
          </button>
        ))}
      </div>
    </section>
  );
}
