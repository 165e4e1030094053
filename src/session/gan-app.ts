/** The app's GAN training, on the app store with the real worker client (loaded lazily, as tfjs is). */
import { appStore } from '../store/app-store';
import type { EvalClient } from '../worker/eval-client';
import { createGanEvaluation, type GanEvaluation } from './gan-evaluation';
import { createGanTraining, type GanTraining } from './gan-training';
import { provideGanPipeline } from './pipeline-gan';
import { projectDb } from './projects-app';

let training: GanTraining | null = null;

/**
 * The app's GAN training, storing checkpoints in the projects database. Made on first use; from
 * then on each opened project's interrupted GAN run is recovered and offered to resume.
 */
export function appGanTraining(): GanTraining {
  if (training) return training;
  const made = createGanTraining(
    appStore,
    async (handlers) => {
      const { GanClient } = await import('../worker/gan-client');
      return new GanClient(handlers);
    },
    projectDb(),
  );
  training = made;
  let projectId = appStore.getState().currentProjectId;
  appStore.subscribe((s) => {
    if (s.currentProjectId === projectId) return;
    projectId = s.currentProjectId;
    void made.recover();
  });
  if (projectId) void made.recover();
  return made;
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

// The pipeline's Run of a GAN project trains and scores through these same sessions.
provideGanPipeline(() => ({ training: appGanTraining(), evaluation: appGanEvaluation() }));
