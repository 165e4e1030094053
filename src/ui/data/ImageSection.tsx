import { useState } from 'react';
import type { ImageScanSummary } from '../../data/images';
import type { SplitRatios } from '../../data/split';
import type { PreparedDataset } from '../../data/types';
import { SplitField } from './SplitField';
import { useAppStore } from '../../store/app-store';
import { appSession } from '../../session/app';
import { imageDefaults, MAX_IMAGE_SIDE } from '../../session/data';
import { InlineName } from './Name';

/** As in src/data/images/scan.ts: fewer images than this in a class draws a warning. */
const MIN_IMAGES_PER_CLASS = 5;

/** The image dataset in use when it was built from these images (it is named after the archive). */
function appliedShape(dataset: PreparedDataset | null, images: ImageScanSummary): readonly number[] | null {
  const fromThese = dataset?.kind === 'image' && dataset.name === images.sourceName.replace(/\.zip$/i, '');
  return fromThese ? dataset.inputShape : null;
}

function sizeLine(images: ImageScanSummary): string {
  const { largest } = images;
  const size = largest ? ` · ${images.sameSize ? 'all' : 'largest'} ${largest.width}×${largest.height}` : '';
  return `${images.sampleCount.toLocaleString()} images in ${images.classes.length} classes${size}${images.allGray ? ' · grayscale' : ''}`;
}

export function ImageSection() {
  const { images, thumbnails } = useAppStore((s) => s.dataPage);
  const dataset = useAppStore((s) => s.dataset);
  if (!images) return null;
  const applied = appliedShape(dataset, images);
  return (
    <section className="data-section" aria-label="Images">
      <h3>{images.sourceName}</h3>
      <p className="data-hint">{sizeLine(images)}</p>
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
      {/* Keyed on the images and the shape in use: a new scan or a new build starts from them again. */}
      <ImageOptions key={`${images.sourceName}:${String(applied)}`} images={images} applied={applied} />
    </section>
  );
}

/** Size, colour and split; they apply with "Use these images" (decoding every image again takes a while). */
function ImageOptions({ images, applied }: { images: ImageScanSummary; applied: readonly number[] | null }) {
  const busy = useAppStore((s) => s.dataPage.busy);
  const initial = applied ? { side: applied[0]!, channels: applied[2] === 1 ? 1 : 3 } as const : imageDefaults(images);
  const [side, setSide] = useState(initial.side);
  const [channels, setChannels] = useState<1 | 3>(initial.channels);
  const [ratios, setRatios] = useState<SplitRatios | undefined>(undefined);
  const pending = applied !== null && (side !== applied[0] || channels !== applied[2]);
  return (
    <div className="data-controls">
      <label>
        Size (pixels)
        <input aria-label="Image size" type="number" min={4} max={MAX_IMAGE_SIDE} value={side} onChange={(e) => setSide(Number(e.target.value) || initial.side)} />
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
      {pending || !applied ? (
        <p className="data-pending" role="status">
          {pending ? 'Changes not applied yet — Use these images' : 'Not in use yet — Use these images'}
        </p>
      ) : null}
    </div>
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
