import { useAppStore } from '../../store/app-store';
import { Field, NumberField } from './fields';
import type { AugmentSettings } from '../../session/train-config';

/** One transform: its on/off box, its amount (greyed out while off) and a line on what it does. */
function Transform({
  label,
  on,
  onToggle,
  amountLabel,
  amount,
  max,
  onAmount,
  help,
}: {
  label: string;
  on: boolean;
  onToggle(on: boolean): void;
  amountLabel?: string;
  amount?: number;
  max?: number;
  onAmount?(v: number): void;
  help: string;
}) {
  return (
    <div className="train-augment-option">
      <Field label={label}>
        <input type="checkbox" checked={on} onChange={(e) => onToggle(e.currentTarget.checked)} />
      </Field>
      {amountLabel && amount !== undefined && onAmount && (
        <NumberField label={amountLabel} value={amount} min={0} max={max} disabled={!on} onChange={onAmount} />
      )}
      <small className="train-help">{help}</small>
    </div>
  );
}

/**
 * "Augment images": a master switch and the four transforms. Shown for image datasets only;
 * a table gets a one-line reason instead, and its runs never augment (see settingsToConfig).
 */
export function AugmentFields() {
  const kind = useAppStore((st) => st.dataset?.kind ?? null);
  const a = useAppStore((st) => st.trainSettings.augment);
  const setSettings = useAppStore((st) => st.setTrainSettings);
  const set = (patch: Partial<AugmentSettings>) => setSettings({ augment: { ...a, ...patch } });
  return (
    <fieldset className="train-augment" aria-label="Augment images">
      <legend>Augment images</legend>
      {kind !== 'image' ? (
        <p className="train-help">
          {kind === 'tabular'
            ? 'Off: the bound dataset is a table, and augmentation flips, turns and brightens images.'
            : 'Available once an image dataset is bound on the Data page.'}
        </p>
      ) : (
        <>
          {/* The legend names the group; the switch says what it does, so the name is not shown twice. */}
          <Field label="Vary the images each epoch">
            <input type="checkbox" role="switch" checked={a.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
          </Field>
          <small className="train-help">
            Each epoch, every training image is shown with a fresh random change, so the model sees more variety than the dataset holds.
            Validation and test images are never changed. Helps most with small image datasets.
          </small>
          {a.enabled && (
            <>
              <Transform
                label="Flip left–right"
                on={a.flip}
                onToggle={(flip) => set({ flip })}
                help="Mirrors half of the images. Leave off for digits and letters, where a mirrored shape means something else."
              />
              <Transform
                label="Rotate"
                on={a.rotate}
                onToggle={(rotate) => set({ rotate })}
                amountLabel="Up to ± degrees"
                amount={a.maxRotationDeg}
                max={180}
                onAmount={(maxRotationDeg) => set({ maxRotationDeg })}
                help="Turns each image by a random angle within this range."
              />
              <Transform
                label="Shift"
                on={a.shift}
                onToggle={(shift) => set({ shift })}
                amountLabel="Up to ± fraction of size"
                amount={a.maxShift}
                max={0.5}
                onAmount={(maxShift) => set({ maxShift })}
                help="Moves each image by whole pixels, up to this share of its width and height (0.1 is 10%)."
              />
              <Transform
                label="Brightness"
                on={a.brightness}
                onToggle={(brightness) => set({ brightness })}
                amountLabel="Up to ± change"
                amount={a.maxBrightness}
                max={1}
                onAmount={(maxBrightness) => set({ maxBrightness })}
                help="Adds a random offset to every pixel (pixels run from 0 to 1), then clips."
              />
            </>
          )}
        </>
      )}
    </fieldset>
  );
}
