import { appStore, useAppStore } from '../../store/app-store';
import { NumberField } from '../train/fields';

/** The GAN's training settings, saved with the project (gan.settings). */
export function GanSettingsForm({ disabled }: { disabled: boolean }) {
  const settings = useAppStore((s) => s.gan?.settings);
  if (!settings) return null;
  const set = (patch: Parameters<ReturnType<typeof appStore.getState>['setGanSettings']>[0]) =>
    appStore.getState().setGanSettings(patch);
  return (
    <fieldset className="train-form" disabled={disabled} aria-label="GAN settings">
      <legend>GAN settings</legend>
      <NumberField
        label="Epochs"
        value={settings.epochs}
        min={1}
        step="1"
        onChange={(v) => set({ epochs: Math.round(v) })}
      />
      <NumberField
        label="Batch size"
        value={settings.batchSize}
        min={1}
        step="1"
        onChange={(v) => set({ batchSize: Math.round(v) })}
      />
      <NumberField
        label="D steps per G step (k)"
        value={settings.discriminatorSteps}
        min={1}
        step="1"
        onChange={(v) => set({ discriminatorSteps: Math.round(v) })}
      />
      <NumberField
        label="Generator learning rate"
        value={settings.generatorLearningRate}
        min={0}
        onChange={(v) => set({ generatorLearningRate: v })}
      />
      <NumberField
        label="Discriminator learning rate"
        value={settings.discriminatorLearningRate}
        min={0}
        onChange={(v) => set({ discriminatorLearningRate: v })}
      />
      <NumberField
        label="Real label"
        value={settings.realLabel}
        min={0.5}
        max={1}
        step="0.05"
        onChange={(v) => set({ realLabel: v })}
      />
      <p className="gan-muted">
        Adam (β1 0.5) for each network; the loss is non-saturating BCE. A real label below 1 smooths it (one-sided: fake
        labels stay 0).
      </p>
    </fieldset>
  );
}
