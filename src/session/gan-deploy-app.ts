/** The app's GAN deploy, on the app store with an evaluation-worker client of its own (loaded lazily, as tfjs is). */
import { appStore } from '../store/app-store';
import type { EvalClient } from '../worker/eval-client';
import { downloadBlob } from './download';
import { createGanDeploy, type GanDeploy } from './gan-deploy';

let deploy: GanDeploy | null = null;

export function appGanDeploy(): GanDeploy {
  let client: Promise<EvalClient> | null = null;
  deploy ??= createGanDeploy(
    appStore,
    () => (client ??= import('../worker/eval-client').then(({ EvalClient }) => new EvalClient())),
    (bytes, fileName, type) => downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), fileName),
  );
  return deploy;
}
