/**
 * The Deploy page of a GAN: exports the generator of the latest finished or stopped GAN run through
 * the same export request as any model (eval worker → export-model.ts → src/compiler/bundle), with
 * `gan` set so metadata.json says it is a generator and the page generates from a seed.
 */
import type { ExportRun } from '../compiler/bundle/metadata-schema';
import { flattenGraph } from '../model/blocks';
import type { Graph } from '../model/graph';
import type { LayerWeights } from '../model/weights';
import { ganGraphs } from '../store/gan-slice';
import type { AppState, AppStore } from '../store/types';
import type { EvalClient } from '../worker/eval-client';
import type { Exported } from '../worker/eval-protocol';
import { safeFileName } from './download';

export type GanExportWorker = Pick<EvalClient, 'exportModel'>;

/** A finished GAN run's generator: its graph, its weights and the run as metadata.json names it. */
export interface FinishedGenerator {
  readonly graph: Graph;
  readonly weights: LayerWeights;
  /** The image dataset the run trained on, by name, when its record says. */
  readonly trainedOn: string | null;
  readonly run: ExportRun;
}

/**
 * The one place that reads which GAN run's generator is exported and with what weights: the run the
 * Train page shows (`ganRun`, whose `weights` are its last finished epoch's once it has ended) and its
 * record in the project (`gan.runs`: name, settings, seed, scores). Null while there is none.
 */
export function finishedGenerator(st: Pick<AppState, 'gan' | 'graph' | 'ganRun'>): FinishedGenerator | null {
  const graphs = ganGraphs(st);
  const live = st.ganRun;
  if (!graphs || !st.gan || !live.weights || (live.status !== 'done' && live.status !== 'stopped')) return null;
  const record = st.gan.runs.find((r) => r.id === live.runId);
  const scores = record?.scores;
  const ended = live.status === 'done' ? 'finished' : 'stopped';
  return {
    graph: graphs.generator,
    weights: live.weights.generator,
    trainedOn: record?.dataName ?? null,
    run: {
      id: record?.id ?? 'gan-latest',
      name: `${record?.name ?? 'Latest GAN run'} (${ended} after ${live.epochs} epoch${live.epochs === 1 ? '' : 's'})`,
      settings: record ? { ...record.settings, seed: record.seed } : { ...st.gan.settings },
      epochs: live.epochs,
      // The Evaluate page's scores of these weights, when they were computed.
      test: scores ? { inception: scores.score.inception, frechet: scores.score.frechet, n: scores.n } : null,
      data: null,
    },
  };
}

export type GanExportResult = Omit<Exported, 'type' | 'id' | 'zip'> & {
  readonly zipBytes: number;
  readonly fileName: string;
  readonly runName: string;
};

export function createGanDeploy(
  store: AppStore,
  worker: () => Promise<GanExportWorker>,
  download: (bytes: Uint8Array, fileName: string, type: string) => void,
) {
  const s = () => store.getState();

  /** Why the generator cannot be exported now (and that Train is where to fix it), or null. */
  function blocker(): string | null {
    const st = s();
    if (!ganGraphs(st)) return 'This project is not a GAN.';
    const status = st.ganRun.status;
    if (status === 'running' || status === 'paused' || status === 'starting' || status === 'stopping')
      return 'The GAN is still training: stop it or let it finish on the Train page, then export its generator.';
    if (status === 'stopped' && !st.ganRun.weights)
      return 'The GAN run was stopped before its first epoch finished, so there is no generator to export: train it for at least one epoch on the Train page.';
    if (!finishedGenerator(st))
      return 'There is no finished GAN run yet: train the GAN on the Train page; its generator is exported once the run finishes or is stopped.';
    return null;
  }

  async function exportZip(name: string): Promise<GanExportResult> {
    const why = blocker();
    if (why) throw new Error(why);
    const st = s();
    const generator = finishedGenerator(st)!;
    const out = await (
      await worker()
    ).exportModel({
      name,
      graph: flattenGraph(generator.graph).graph,
      weights: generator.weights,
      // The generator takes latents, not the dataset's images: no dataset preprocessing applies.
      dataset: null,
      run: generator.run,
      gan: { trainedOn: generator.trainedOn ?? (st.dataset?.kind === 'image' ? st.dataset.name : null) },
    });
    const fileName = `${safeFileName(name)}.zip`;
    download(out.zip, fileName, 'application/zip');
    return {
      files: out.files,
      snippets: out.snippets,
      warnings: out.warnings,
      zipBytes: out.zip.byteLength,
      fileName,
      runName: generator.run.name,
    };
  }

  return { blocker, exportZip };
}

export type GanDeploy = ReturnType<typeof createGanDeploy>;
