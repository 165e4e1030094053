import { describe, expect, it } from 'vitest';
import { DEFAULT_AUGMENT } from '../data/augment';
import { DEFAULT_TRAIN_SETTINGS, type TrainSettings } from '../store/training-slice';
import { trainConfig } from '../training/config';
import { DEFAULT_LR, settingsToConfig } from './train-config';

describe('settingsToConfig', () => {
  it('gives a valid config for every optimizer and schedule', () => {
    for (const optimizer of Object.keys(DEFAULT_LR) as (keyof typeof DEFAULT_LR)[]) {
      for (const schedule of ['none', 'step', 'exponential', 'plateau'] as const) {
        const config = trainConfig(
          settingsToConfig({ ...DEFAULT_TRAIN_SETTINGS, optimizer, schedule, learningRate: 0.05 }),
        );
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
      settingsToConfig({
        ...DEFAULT_TRAIN_SETTINGS,
        batchSize: 64,
        epochs: 7,
        seed: null,
        earlyStopping: true,
        earlyPatience: 2,
      }),
    );
    expect(config).toMatchObject({
      batchSize: 64,
      epochs: 7,
      seed: null,
      earlyStopping: { enabled: true, patience: 2 },
    });
  });
});

describe('augmentation settings', () => {
  const on: TrainSettings = {
    ...DEFAULT_TRAIN_SETTINGS,
    augment: { ...DEFAULT_TRAIN_SETTINGS.augment, enabled: true },
  };

  it('are off by default, and their amounts are the core defaults', () => {
    const a = DEFAULT_TRAIN_SETTINGS.augment;
    expect(a.enabled).toBe(false);
    expect(a).toMatchObject({
      maxRotationDeg: DEFAULT_AUGMENT.maxRotationDeg,
      maxShift: DEFAULT_AUGMENT.maxShift,
      maxBrightness: DEFAULT_AUGMENT.maxBrightness,
    });
    expect(trainConfig(settingsToConfig(DEFAULT_TRAIN_SETTINGS, 'image')).augment).toBeNull();
  });

  it('passes the switch and each transform through to the trainer config', () => {
    expect(trainConfig(settingsToConfig(on, 'image')).augment).toMatchObject({
      flip: true,
      rotate: true,
      shift: true,
      brightness: true,
    });
    const some = { ...on, augment: { ...on.augment, flip: false, brightness: false } };
    expect(trainConfig(settingsToConfig(some, 'image')).augment).toMatchObject({
      flip: false,
      rotate: true,
      shift: true,
      brightness: false,
    });
  });

  it('passes the chosen amounts along with the transforms', () => {
    const custom = { ...on, augment: { ...on.augment, maxRotationDeg: 30, maxShift: 0.25, maxBrightness: 0.05 } };
    // Through the trainer's own schema, which would strip fields it does not know.
    expect(trainConfig(settingsToConfig(custom, 'image')).augment).toMatchObject({
      maxRotationDeg: 30,
      maxShift: 0.25,
      maxBrightness: 0.05,
    });
  });

  it('never augments a table, even when switched on', () => {
    expect(trainConfig(settingsToConfig(on, 'tabular')).augment).toBeNull();
  });
});
