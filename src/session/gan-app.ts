/** The app's GAN training, on the app store with the real worker client (loaded lazily, as tfjs is). */
import { appStore } from '../store/app-store';
import type { EvalClient } from '../worker/eval-client';
import { createGanEvaluation, type GanEvaluation } from './gan-evaluation';
import { createGanTraining, type GanTraining } from './gan-training';

let training: GanTraining | null = null;

export function appGanTraining(): GanTraining {
  training ??= createGanTraining(appStore, async (handlers) => {
    const { GanClient } = await import('../worker/gan-client');
    return new GanClient(handlers);
  });
  return training;
}

let evaluation: GanEvaluation | null = null;

/**
 * The app's GAN evaluation. It keeps its own evaluation-worker client: the GAN's generator and
 * real images live beside, not instead of, a classifier's loaded model.
 */
export function appGanEvaluation(): GanEvaluation {
  let client: Promise<EvalClient> | null = null;
  evaluation ??= createGanEvaluation(
    appStore,
    () => (client ??= import('../worker/eval-client').then(({ EvalClient }) => new EvalClient())),
    () => new URL(import.meta.env.BASE_URL, location.href).href,
  );
  return evaluation;
}
