import { describe, expect, it } from 'vitest';
import { exportMetadata } from '../compiler/bundle/tfjs-bundle';
import type { PreparedDataset } from '../data/types';
import { dcganTemplate } from '../model/gan-template';
import { createAppStore } from '../store/index';
import type { ExportRequest, Exported } from '../worker/eval-protocol';
import type { GanWeights } from '../worker/train-protocol';
import { createGanDeploy, finishedGenerator } from './gan-deploy';

const gan = dcganTemplate([8, 8, 1], { latentDim: 16, width: 8 });
const w = (v: number) => [{ name: 'kernel', shape: [1], values: new Float32Array([v]) }];
const weights: GanWeights = { generator: { g: w(1) }, discriminator: { d: w(2) } };
const images = { id: 'digits', name: 'Digits', kind: 'image', inputShape: [8, 8, 1] } as unknown as PreparedDataset;

function setup() {
  const store = createAppStore();
  const requests: Omit<ExportRequest, 'type' | 'id'>[] = [];
  const downloads: string[] = [];
  const deploy = createGanDeploy(
    store,
    async () => ({
      exportModel: async (req) => {
        requests.push(req);
        const reply: Exported = {
          type: 'exported',
          id: 1,
          zip: new Uint8Array([1, 2, 3]),
          files: [{ path: 'web/gan.js', bytes: 10 }],
          snippets: { browser: 'b', node: 'n', python: 'p' },
          warnings: ['w'],
        };
        return reply;
      },
    }),
    (_bytes, fileName) => downloads.push(fileName),
  );
  return { store, requests, downloads, deploy };
}

describe('GAN deploy', () => {
  it('says what is missing, pointing at Train: a GAN, a run that is not training, a finished run', () => {
    const { store, deploy } = setup();
    expect(deploy.blocker()).toMatch(/not a GAN/);
    store.getState().setGan(gan);
    expect(deploy.blocker()).toMatch(/no finished GAN run yet: train the GAN on the Train page/);
    store.getState().patchGanRun({ status: 'running' });
    expect(deploy.blocker()).toMatch(/still training: stop it .* on the Train page/);
    store.getState().patchGanRun({ status: 'stopped' });
    expect(deploy.blocker()).toMatch(/stopped before its first epoch finished.* at least one epoch on the Train page/);
    store.getState().patchGanRun({ status: 'failed', weights });
    expect(deploy.blocker()).toMatch(/no finished GAN run/);
    store.getState().patchGanRun({ status: 'stopped' });
    expect(deploy.blocker()).toBeNull();
  });

  it("exports the generator graph with the run's generator weights, marked as a generator, and downloads the ZIP", async () => {
    const { store, requests, downloads, deploy } = setup();
    await expect(deploy.exportZip('gen')).rejects.toThrow(/not a GAN/);
    store.getState().setGan(gan);
    // The canvas shows the discriminator: the export still takes the generator.
    store.getState().switchGanPart('discriminator');
    store.getState().patchGanRun({ status: 'done', epochs: 3, weights });
    store.setState({ dataset: images });
    const result = await deploy.exportZip('Fashion generator');
    expect(requests).toHaveLength(1);
    const req = requests[0]!;
    expect(req.weights).toBe(weights.generator);
    expect(req.graph.nodes.map((n) => n.name)).toEqual(gan.generator.nodes.map((n) => n.name));
    expect(req.dataset).toBeNull();
    expect(req.gan).toEqual({ trainedOn: 'Digits' });
    expect(req.run).toMatchObject({ epochs: 3, name: 'Latest GAN run (finished after 3 epochs)' });
    expect(downloads).toEqual(['Fashion_generator.zip']);
    expect(result).toMatchObject({ fileName: 'Fashion_generator.zip', zipBytes: 3, warnings: ['w'] });
    // What the session sends is a valid generator export for the bundle.
    const metadata = exportMetadata(req);
    expect(metadata.gan?.latent.size).toBe(16);
    expect(metadata.gan?.image).toMatchObject({ height: 8, width: 8, channels: 1 });
    expect(metadata.run?.epochs).toBe(3);
  });

  it('finds no generator while the run has no weights', () => {
    const { store } = setup();
    store.getState().setGan(gan);
    store.getState().patchGanRun({ status: 'done' });
    expect(finishedGenerator(store.getState())).toBeNull();
  });

  it("names the run from the project's record: its id, name, settings with the seed, scores and dataset", async () => {
    const { store, requests, deploy } = setup();
    store.getState().setGan(gan);
    const settings = store.getState().gan!.settings;
    store.getState().putGanRunRecord({
      id: 'gan-7',
      name: 'GAN run 2',
      createdAt: '2026-01-01T00:00:00.000Z',
      status: 'stopped',
      settings,
      seed: 11,
      dataName: 'Fashion',
      epochs: [],
      scores: {
        score: { inception: 2.5, frechet: 40 },
        bounds: { real: { inception: 9, frechet: 1 }, noise: { inception: 1, frechet: 300 } },
        n: 500,
        seed: 1,
      },
    });
    store.getState().patchGanRun({ status: 'stopped', epochs: 2, weights, runId: 'gan-7' });
    const found = finishedGenerator(store.getState())!;
    expect(found.run).toEqual({
      id: 'gan-7',
      name: 'GAN run 2 (stopped after 2 epochs)',
      settings: { ...settings, seed: 11 },
      epochs: 2,
      test: { inception: 2.5, frechet: 40, n: 500 },
      data: null,
    });
    await deploy.exportZip('g');
    expect(requests[0]!.gan).toEqual({ trainedOn: 'Fashion' });
    expect(exportMetadata(requests[0]!).run?.test).toEqual({ inception: 2.5, frechet: 40, n: 500 });
  });
});
