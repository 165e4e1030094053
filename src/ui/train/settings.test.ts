import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_SETTINGS } from '../../store/training-slice';
import { trainConfig } from '../../training/config';
import { DEFAULT_LR, settingsToConfig } from './settings';

describe('settingsToConfig', () => {
  it('gives a valid config for every optimizer and schedule', () => {
    for (const optimizer of Object.keys(DEFAULT_LR) as (keyof typeof DEFAULT_LR)[]) {
      for (const schedule of ['none', 'step', 'exponential', 'plateau'] as const) {
        const config = trainConfig(settingsToConfig({ ...DEFAULT_TRAIN_SETTINGS, optimizer, schedule, learningRate: 0.05 }));
        expect(config.optimizer.name).toBe(optimizer);
        expect(config.optimizer.learningRate).toBe(0.05);
        expect(config.schedule.kind).toBe(schedule);
      }
    }
  });

  it('matches the core defaults for each optimizer learning rate', () => {
    for (const [name, lr] of Object.entries(DEFAULT_LR)) {
      expect(trainConfig({ optimizer: { name } as never }).optimizer.learningRate).toBe(lr);
    }
  });

  it('carries batch size, epochs, seed and early stopping through', () => {
    const config = trainConfig(
      settingsToConfig({ ...DEFAULT_TRAIN_SETTINGS, batchSize: 64, epochs: 7, seed: null, earlyStopping: true, earlyPatience: 2 }),
    );
    expect(config).toMatchObject({ batchSize: 64, epochs: 7, seed: null, earlyStopping: { enabled: true, patience: 2 } });
  });
});
