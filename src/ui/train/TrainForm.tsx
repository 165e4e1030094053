import { memo } from 'react';
import { useAppStore } from '../../store/app-store';
import type { TrainSettings } from '../../store/training-slice';
import { AugmentFields } from './AugmentFields';
import { Field, NumberField } from './fields';
import { DEFAULT_LR } from '../../session/train-config';

const OPTIMIZERS: readonly TrainSettings['optimizer'][] = ['adam', 'sgd', 'momentum', 'rmsprop', 'adagrad', 'adadelta', 'adamax'];
const LOSSES: readonly TrainSettings['loss'][] = [
  'auto',
  'sparse_categorical_crossentropy',
  'categorical_crossentropy',
  'binary_crossentropy',
  'mse',
  'mae',
  'huber',
  'hinge',
];
const BACKENDS: readonly TrainSettings['backend'][] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** The hyperparameters; disabled while a run is going (its settings are fixed then). */
export const TrainForm = memo(function TrainForm({ disabled }: { disabled: boolean }) {
  const s = useAppStore((st) => st.trainSettings);
  const set = useAppStore((st) => st.setTrainSettings);
  const usesMomentum = s.optimizer === 'momentum' || s.optimizer === 'rmsprop';
  const usesBetas = s.optimizer === 'adam' || s.optimizer === 'adamax';
  const usesRho = s.optimizer === 'rmsprop' || s.optimizer === 'adadelta';
  return (
    <fieldset className="train-form" disabled={disabled} aria-label="Training settings">
      <legend>Settings</legend>
      <Field label="Optimizer">
        <select
          value={s.optimizer}
          onChange={(e) => {
            const optimizer = e.currentTarget.value as TrainSettings['optimizer'];
            set({ optimizer, learningRate: DEFAULT_LR[optimizer] });
          }}
        >
          {OPTIMIZERS.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </Field>
      <NumberField label="Learning rate" value={s.learningRate} min={0} onChange={(learningRate) => set({ learningRate })} />
      {usesMomentum && <NumberField label="Momentum" value={s.momentum} min={0} onChange={(momentum) => set({ momentum })} />}
      {usesBetas && <NumberField label="β1" value={s.beta1} min={0} onChange={(beta1) => set({ beta1 })} />}
      {usesBetas && <NumberField label="β2" value={s.beta2} min={0} onChange={(beta2) => set({ beta2 })} />}
      {usesRho && <NumberField label="ρ (rho)" value={s.rho} min={0} onChange={(rho) => set({ rho })} />}
      <Field label="Loss">
        <select value={s.loss} onChange={(e) => set({ loss: e.currentTarget.value as TrainSettings['loss'] })}>
          {LOSSES.map((l) => (
            <option key={l} value={l}>
              {l === 'auto' ? 'auto (from the task)' : l}
            </option>
          ))}
        </select>
      </Field>
      <NumberField label="Batch size" value={s.batchSize} step="1" min={1} onChange={(batchSize) => set({ batchSize })} />
      <NumberField label="Epochs" value={s.epochs} step="1" min={1} onChange={(epochs) => set({ epochs })} />
      <Field label="Shuffle">
        <input type="checkbox" checked={s.shuffle} onChange={(e) => set({ shuffle: e.currentTarget.checked })} />
      </Field>
      <Field label="Seed (empty: random)">
        <input
          type="number"
          step="1"
          min={0}
          value={s.seed ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.valueAsNumber;
            set({ seed: Number.isInteger(v) && v >= 0 ? v : null });
          }}
        />
      </Field>
      <Field label="LR schedule">
        <select value={s.schedule} onChange={(e) => set({ schedule: e.currentTarget.value as TrainSettings['schedule'] })}>
          <option value="none">none</option>
          <option value="step">step</option>
          <option value="exponential">exponential</option>
          <option value="plateau">reduce on plateau</option>
        </select>
      </Field>
      {s.schedule === 'step' && (
        <NumberField label="Every (epochs)" value={s.stepEvery} step="1" min={1} onChange={(stepEvery) => set({ stepEvery })} />
      )}
      {(s.schedule === 'step' || s.schedule === 'plateau') && (
        <NumberField label="Factor" value={s.factor} min={0} onChange={(factor) => set({ factor })} />
      )}
      {s.schedule === 'exponential' && (
        <NumberField label="Decay rate" value={s.decayRate} min={0} onChange={(decayRate) => set({ decayRate })} />
      )}
      {s.schedule === 'plateau' && (
        <NumberField label="Patience" value={s.patience} step="1" min={0} onChange={(patience) => set({ patience })} />
      )}
      <Field label="Early stopping">
        <input type="checkbox" checked={s.earlyStopping} onChange={(e) => set({ earlyStopping: e.currentTarget.checked })} />
      </Field>
      {s.earlyStopping && (
        <NumberField label="Stop after (epochs without gain)" value={s.earlyPatience} step="1" min={0} onChange={(earlyPatience) => set({ earlyPatience })} />
      )}
      <Field label="Backend">
        <select value={s.backend} onChange={(e) => set({ backend: e.currentTarget.value as TrainSettings['backend'] })}>
          {BACKENDS.map((b) => (
            <option key={b}>{b}</option>
          ))}
        </select>
      </Field>
      <AugmentFields />
    </fieldset>
  );
});
