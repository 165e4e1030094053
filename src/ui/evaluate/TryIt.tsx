import { useCallback, useRef, useState } from 'react';
import type { ImageTransform } from '../../data/images';
import type { TabularTransform } from '../../data/tabular';
import type { PreparedDataset } from '../../data/types';
import type { Prediction } from '../../worker/eval-client';
import type { PredictInput } from '../../worker/eval-protocol';
import { appSession } from '../../session/app';

const predict: ReturnType<typeof appSession>['evaluation']['predict'] = (input) => appSession().evaluation.predict(input);
import { DrawPad } from './DrawPad';
import { FeatureForm } from './FeatureForm';
import { ModelInput } from './ModelInput';
import { ProbabilityBars } from './ProbabilityBars';

/** Latest-wins predictions: an answer to an older input never overwrites a newer one. */
function usePredictor() {
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const run = useCallback((input: PredictInput) => {
    const ticket = ++latest.current;
    predict(input).then(
      (p) => {
        if (ticket !== latest.current) return;
        setPrediction(p);
        setError(null);
      },
      (err: unknown) => {
        if (ticket === latest.current) setError(err instanceof Error ? err.message : String(err));
      },
    );
  }, []);
  return { prediction, error, run };
}

async function pictureToRgba(file: File, t: { width: number; height: number; fit?: ImageTransform['fit'] }): Promise<Uint8ClampedArray> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (_undecodable) {
    throw new Error(`${file.name} could not be read as an image (PNG, JPEG, WebP, GIF or BMP).`);
  }
  const canvas = document.createElement('canvas');
  canvas.width = t.width;
  canvas.height = t.height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  let [sx, sy, sw, sh] = [0, 0, bitmap.width, bitmap.height];
  if (t.fit === 'center-crop') {
    const scale = Math.min(bitmap.width / t.width, bitmap.height / t.height);
    [sw, sh] = [t.width * scale, t.height * scale];
    [sx, sy] = [(bitmap.width - sw) / 2, (bitmap.height - sh) / 2];
  }
  ctx.drawImage(bitmap, sx, sy, sw, sh, 0, 0, t.width, t.height);
  bitmap.close();
  return ctx.getImageData(0, 0, t.width, t.height).data;
}

function parseSequence(text: string, size: number): Float32Array {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const values = parts.map(Number);
  const bad = parts.findIndex((_, i) => !Number.isFinite(values[i]!));
  if (bad >= 0) throw new Error(`"${parts[bad]}" is not a number; type numbers separated by commas or spaces.`);
  if (values.length !== size) throw new Error(`The model takes ${size} numbers; you typed ${values.length}.`);
  return Float32Array.from(values);
}

/** Try the model on new input (keyed by dataset by the page, so its state starts fresh per dataset): draw, upload a picture, fill the features, or type a sequence. */
export function TryIt({ dataset }: { dataset: PreparedDataset }) {
  const { prediction, error, run } = usePredictor();
  const [inputError, setInputError] = useState<string | null>(null);
  const [sequence, setSequence] = useState('');
  const shape = dataset.inputShape;
  const image = dataset.kind === 'image' ? (dataset.transform as ImageTransform) : null;
  const table = dataset.kind === 'tabular' && dataset.transform ? (dataset.transform as TabularTransform) : null;
  const size = shape.reduce((a, b) => a * b, 1);
  const regression = dataset.task === 'regression';
  const drawable = image !== null && image.channels === 1 && image.width <= 64 && image.height <= 64;
  return (
    <section className="eval-card eval-tryit" aria-label="Try it">
      <h3>Try it</h3>
      <div className="eval-tryit-body">
        <div className="eval-tryit-inputs">
          {image && (
            <div className="eval-tryit-pictures">
              {drawable && <DrawPad width={image.width} height={image.height} onPicture={(rgba) => run({ kind: 'rgba', rgba, width: image.width, height: image.height })} />}
              {prediction && <ModelInput input={prediction.input} shape={shape} table={null} />}
            </div>
          )}
          {image && (
            <label className="eval-upload">
              Upload a picture
              <input
                type="file"
                accept="image/*"
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  if (!file) return;
                  pictureToRgba(file, image).then(
                    (rgba) => {
                      setInputError(null);
                      run({ kind: 'rgba', rgba, width: image.width, height: image.height });
                    },
                    (err: unknown) => setInputError((err as Error).message),
                  );
                }}
              />
            </label>
          )}
          {table && <FeatureForm transform={table} onRecord={(record) => run({ kind: 'record', record })} />}
          {!image && !table && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                try {
                  run({ kind: 'tensor', x: parseSequence(sequence, size), n: 1 });
                  setInputError(null);
                } catch (err) {
                  setInputError((err as Error).message);
                }
              }}
            >
              <label>
                Sequence ({size} numbers)
                <input value={sequence} onChange={(e) => setSequence(e.currentTarget.value)} placeholder="0.1, 0.5, 0.3, …" />
              </label>
              <button type="submit">Predict</button>
            </form>
          )}
        </div>
        <div className="eval-tryit-output">
          {(inputError ?? error) && (
            <p className="eval-error" role="alert">
              {inputError ?? error}
            </p>
          )}
          {prediction ? (
            <>
              <ProbabilityBars prediction={prediction} classNames={dataset.classNames} regression={regression} />
              {table && <ModelInput input={prediction.input} shape={shape} table={table} parts={dataset.inputs} />}
            </>
          ) : (
            <p className="eval-note">{image ? (drawable ? 'Draw something or upload a picture.' : 'Upload a picture.') : 'Change a value to see the prediction.'}</p>
          )}
        </div>
      </div>
    </section>
  );
}
