import { useState } from 'react';
import type { SplitRatios } from '../../data/split';
import { SplitField } from './SplitField';
import type { Graph } from '../../model/graph';
import { useAppStore } from '../../store/app-store';
import { appSession } from '../../session/app';
import { InlineName } from './Name';

/** As in src/data/images/scan.ts: fewer images than this in a class draws a warning. */
const MIN_IMAGES_PER_CLASS = 5;

/** The model's image size ([h, w, 1|3] on its single Input), else 32 × 32 RGB (as chooseImageSize). */
function modelImageSize(graph: Graph): { side: number; channels: 1 | 3 } {
  const inputs = graph.nodes.filter((n) => n.type === 'Input');
  const shape = inputs.length === 1 ? inputs[0]!.params.shape : null;
  if (Array.isArray(shape) && shape.length === 3 && (shape[2] === 1 || shape[2] === 3) && Number(shape[1]) > 0) {
    return { side: Number(shape[1]), channels: shape[2] as 1 | 3 };
  }
  return { side: 32, channels: 3 };
}

export function ImageSection() {
  const { images, thumbnails, busy } = useAppStore((s) => s.dataPage);
  const graph = useAppStore((s) => s.graph);
  const initial = modelImageSize(graph);
  const [side, setSide] = useState(initial.side);
  const [channels, setChannels] = useState<1 | 3>(initial.channels);
  const [ratios, setRatios] = useState<SplitRatios | undefined>(undefined);
  if (!images) return null;
  return (
    <section className="data-section" aria-label="Images">
      <h3>{images.sourceName}</h3>
      <p className="data-hint">
        {images.sampleCount.toLocaleString()} images in {images.classes.length} classes
        {images.largest ? ` · largest ${images.largest.width}×${images.largest.height}` : ''}
      </p>
      {images.warnings.map((w) => (
        <p key={w} className="problem-warning">
          {w}
        </p>
      ))}
      <div className="data-image-grid">
        {images.classes.map((c) => (
          <article key={c.name} className="data-image-class" aria-label={`Class ${c.name}`}>
            <h4>
              <InlineName text={c.name} /> <span data-testid="class-count">{c.count} images</span>
              {c.count < MIN_IMAGES_PER_CLASS ? <span className="data-badge">fewer than {MIN_IMAGES_PER_CLASS}</span> : null}
            </h4>
            <div className="data-thumbs">
              {thumbnails
                .find((t) => t.label === c.name)
                ?.images.map((im) => <img key={im.path} src={im.url} alt={im.path} title={im.path} />)}
            </div>
          </article>
        ))}
      </div>
      <div className="data-controls">
        <label>
          Size (pixels)
          <input aria-label="Image size" type="number" min={4} max={512} value={side} onChange={(e) => setSide(Number(e.target.value) || 32)} />
        </label>
        <label>
          Colour
          <select aria-label="Colour" value={channels} onChange={(e) => setChannels(Number(e.target.value) as 1 | 3)}>
            <option value={3}>RGB</option>
            <option value={1}>grayscale</option>
          </select>
        </label>
        <SplitField value={ratios} onChange={setRatios} />
        <button
          type="button"
          className="data-primary"
          disabled={busy}
          onClick={() => void appSession().data.buildImages({ width: side, height: side, channels, fit: 'stretch', ...(ratios ? { ratios } : {}) })}
        >
          Use these images
        </button>
      </div>
    </section>
  );
}

export function SkippedFiles() {
  const skipped = useAppStore((s) => s.dataPage.skipped);
  if (skipped.length === 0) return null;
  return (
    <section className="data-section" aria-label="Skipped files">
      <h4>Skipped files ({skipped.length})</h4>
      <ul className="data-problems">
        {skipped.map((f) => (
          <li key={f.path}>
            <code className="data-inline-name" title={f.path}>
              {f.path}
            </code>
            : {f.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}
