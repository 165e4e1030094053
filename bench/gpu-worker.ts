// Browser module worker for gpu.bench.ts (served by the vite dev server): the workloads on one backend (webgpu or wasm), with the adapter's facts.
import * as tf from '@tensorflow/tfjs';
import { buildGraph, type LayerDraft } from '../src/model/build';
import { defaultProbes, isSoftwareAdapter, type GpuAdapterFacts } from '../src/training/backend-probes';
import { wasmFeatures, wasmLabel } from '../src/training/backend-wasm';
import { graphSpec, templateSpec, timeEpochs } from './template-workloads';
import { textSizes } from './text-workloads';

/** A workload: drafts (CNN B) or a template id; `tokens` reports tokens/s (samples × sequence length). */
export interface GpuWorkload {
  name: string;
  drafts?: LayerDraft[];
  template?: string;
  rows: number;
  batch: number;
}

export interface GpuRequest {
  backend: 'webgpu' | 'wasm';
  workloads: GpuWorkload[];
  timedEpochs: number;
}

export interface GpuRun {
  name: string;
  samplesPerSec: number;
  /** Window length of a text workload (its rate in tokens/s is samplesPerSec × this); null otherwise. */
  seqLen: number | null;
  peakTensorBytes: number;
  error?: string;
}

export interface GpuAnswer {
  backend: string;
  /** "WebGPU · <adapter>" or the wasm label. */
  label: string;
  adapter: (GpuAdapterFacts & { software: boolean }) | null;
  runs: GpuRun[];
  error?: string;
}

async function answer(req: GpuRequest): Promise<GpuAnswer> {
  tf.enableProdMode();
  const probes = defaultProbes({ threads: 1 });
  const facts = req.backend === 'webgpu' ? await probes.webgpuAdapter() : null;
  const adapter = facts ? { ...facts, software: isSoftwareAdapter(facts) } : null;
  if (req.backend === 'webgpu' && !facts)
    return {
      backend: req.backend,
      label: 'WebGPU',
      adapter,
      runs: [],
      error: 'no WebGPU adapter (navigator.gpu missing or it offered none)',
    };
  await probes.prepare(req.backend);
  await probes.activate(req.backend);
  const label =
    req.backend === 'wasm'
      ? wasmLabel(await wasmFeatures())
      : `WebGPU · ${facts!.description || [facts!.vendor, facts!.architecture].filter(Boolean).join(' ') || 'unknown adapter'}`;
  const runs: GpuRun[] = [];
  for (const w of req.workloads) {
    const spec = w.drafts
      ? graphSpec(buildGraph(w.drafts), w.rows, w.batch)
      : templateSpec({ template: w.template!, rows: w.rows, batch: w.batch });
    const seqLen = spec.dataset.kind === 'text' ? textSizes(spec.graph).seqLen : null;
    try {
      const r = await timeEpochs(spec, req.timedEpochs);
      runs.push({ name: w.name, seqLen, ...r });
    } catch (err) {
      runs.push({
        name: w.name,
        seqLen,
        samplesPerSec: 0,
        peakTensorBytes: 0,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return { backend: tf.getBackend(), label, adapter, runs };
}

self.onmessage = async (event: MessageEvent<GpuRequest>) => {
  try {
    self.postMessage(await answer(event.data));
  } catch (err) {
    self.postMessage({
      backend: event.data.backend,
      label: '',
      adapter: null,
      runs: [],
      error: err instanceof Error ? err.message : String(err),
    });
  }
};
