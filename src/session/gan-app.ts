/** The app's GAN training, on the app store with the real worker client (loaded lazily, as tfjs is). */
import { appStore } from '../store/app-store';
import { createGanTraining, type GanTraining } from './gan-training';

let training: GanTraining | null = null;

export function appGanTraining(): GanTraining {
  training ??= createGanTraining(appStore, async (handlers) => {
    const { GanClient } = await import('../worker/gan-client');
    return new GanClient(handlers);
  });
  return training;
}
