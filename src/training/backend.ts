import type { BackendName, TrainingTrial, TrialFactory } from './backend-trial';
import { gpuLimitProblem } from './backend-limits';
import { defaultProbes, isSoftwareAdapter, isSoftwareRenderer, type BackendProbes } from './backend-probes';
import { wasmLabel, type WasmSetupOptions } from './backend-wasm';

export type { BackendName, TrainingTrial, TrialFactory } from './backend-trial';

/** Preference order when nothing has been timed: real GPUs, then wasm, then plain JavaScript. */
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

const TITLE: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'wasm', cpu: 'cpu' };

export interface ChooseBackendOptions {
  /** Builds a compiled model and one real batch on the backend just made active. */
  createTrial: TrialFactory;
  /** The user's choice: tried first, even on a software GPU; on failure the choice is automatic. */
  force?: BackendName | null;
  /** Consider WebGPU/WebGL on a software rasteriser too (CI tests of the GPU code paths). */
  allowSoftwareGpu?: boolean;
  /** Wall time for the timed steps of all candidates together, in ms (default 1000). */
  budgetMs?: number;
  /**
   * The model's largest tensor in bytes (`largestTensorBytes`): WebGPU is passed over, even when
   * forced, on an adapter whose buffer limits cannot hold it.
   */
  largestTensorBytes?: number;
  /** Timed steps per candidate, after one untimed warm-up step (default 3). */
  timedSteps?: number;
  /** Replaces any of the environment probes (tests). */
  probes?: Partial<BackendProbes>;
  /** Options for setupWasm() when wasm is prepared. */
  wasm?: WasmSetupOptions;
  /** Called with each notice as it happens (a backend that failed to start, a forced one that failed). */
  onNotice?: (message: string) => void;
}

export type CandidateStatus = 'chosen' | 'timed' | 'unavailable' | 'failed' | 'missing-kernels' | 'not-timed';

export interface CandidateReport {
  backend: BackendName;
  status: CandidateStatus;
  /** What was learnt: "software adapter (SwiftShader)", "failed to start: …", "12.3 ms/step". */
  detail: string;
  msPerStep: number | null;
  /** Kernels the model needs that this backend lacks. */
  missing?: string[];
}

export interface BackendChoice {
  backend: BackendName;
  /** "wasm · SIMD · 1 thread", "WebGPU · NVIDIA …", "WebGL · ANGLE (…)", "cpu". */
  label: string;
  /** The label and why: "wasm · SIMD · 1 thread — WebGPU unavailable: software adapter". */
  reason: string;
  forced: boolean;
  /** Mean time of one timed training step on the chosen backend; null when it was not timed. */
  msPerStep: number | null;
  /** Kernel names one training step of this model uses. */
  neededKernels: string[];
  candidates: CandidateReport[];
  notices: string[];
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Picks the backend to train this model on: drops WebGPU on a fallback/software adapter and
 * WebGL on a software renderer (unless forced or allowed), drops any backend lacking a kernel
 * one real training step used, times a few real steps on each remaining GPU and wasm, and takes
 * the fastest. cpu is timed never: wasm beat it 4–25× on every measured workload and one cpu
 * CNN step can take 30 s; it is the fallback when nothing else trains. The chosen backend is
 * left active.
 */
export async function chooseBackend(options: ChooseBackendOptions): Promise<BackendChoice> {
  const probes: BackendProbes = { ...defaultProbes(options.wasm), ...options.probes };
  const run = new ChoiceRun(probes, options);
  return run.choose();
}

class ChoiceRun {
  readonly reports = new Map<BackendName, CandidateReport>();
  readonly notices: string[] = [];
  readonly labels = new Map<BackendName, string>();
  needed: string[] | null = null;

  constructor(
    readonly probes: BackendProbes,
    readonly options: ChooseBackendOptions,
  ) {}

  notice(text: string): void {
    this.notices.push(text);
    this.options.onNotice?.(text);
  }

  report(
    backend: BackendName,
    status: CandidateStatus,
    detail: string,
    msPerStep: number | null = null,
    missing?: string[],
  ): void {
    this.reports.set(backend, { backend, status, detail, msPerStep, ...(missing ? { missing } : {}) });
  }

  async choose(): Promise<BackendChoice> {
    const force = this.options.force ?? null;
    if (force === 'cpu') {
      // cpu has every kernel, and a validation step of a CNN there can take half a minute.
      if (await this.start('cpu')) return this.finish('cpu', true);
    } else if (force) {
      if ((await this.screen(force, true)) && (await this.trial(force, 0)) !== null) return this.finish(force, true);
    }
    if (force) {
      const r = this.reports.get(force);
      const why = !r
        ? 'it could not run'
        : r.status === 'unavailable'
          ? `it is unavailable (${r.detail})`
          : `it ${r.detail}`;
      this.notice(`${TITLE[force]} was chosen, but ${why}; choosing automatically instead.`);
    }
    const available: BackendName[] = [];
    for (const backend of BACKENDS) {
      if (backend === force) continue;
      if (await this.screen(backend, false)) available.push(backend);
    }
    // wasm first: it is quick to time and its step records the kernel list the GPUs are checked against.
    const timed = available.filter((b) => b !== 'cpu').sort((a, b) => (a === 'wasm' ? -1 : b === 'wasm' ? 1 : 0));
    const steps = timed.length > 1 ? Math.max(1, this.options.timedSteps ?? 3) : 0;
    const share = (this.options.budgetMs ?? 1000) / Math.max(1, timed.length);
    let best: BackendName | null = null;
    for (const backend of timed) {
      const ms = await this.trial(backend, steps, share, best ? this.reports.get(best)!.msPerStep : null);
      if (ms === null) continue;
      if (best === null || (ms < this.reports.get(best)!.msPerStep! && steps > 0)) best = backend;
    }
    if (best) {
      if (available.includes('cpu')) this.report('cpu', 'not-timed', 'fallback only');
      return this.finish(best, false);
    }
    if (available.includes('cpu') && (await this.start('cpu'))) return this.finish('cpu', false);
    const reasons = BACKENDS.map((b) => `${TITLE[b]}: ${this.reports.get(b)?.detail ?? 'not tried'}`).join('; ');
    throw new Error(`No TensorFlow.js backend can train this model (${reasons}).`);
  }

  /** Environment checks that need no backend: is there a real GPU behind WebGPU/WebGL? */
  async screen(backend: BackendName, forced: boolean): Promise<boolean> {
    const allowSoftware = forced || this.options.allowSoftwareGpu === true;
    if (backend === 'webgpu') {
      const adapter = await this.probes.webgpuAdapter();
      if (!adapter) return this.unavailable(backend, 'no WebGPU adapter');
      const name =
        adapter.description || [adapter.vendor, adapter.architecture].filter(Boolean).join(' ') || 'unknown adapter';
      this.labels.set(backend, `WebGPU · ${name}`);
      if (isSoftwareAdapter(adapter) && !allowSoftware) return this.unavailable(backend, `software adapter (${name})`);
      const tooBig = gpuLimitProblem(adapter.limits, this.options.largestTensorBytes);
      if (tooBig) return this.unavailable(backend, tooBig);
    }
    if (backend === 'webgl') {
      const renderer = await this.probes.webglRenderer();
      if (renderer === null) return this.unavailable(backend, 'no WebGL2 context');
      this.labels.set(backend, `WebGL · ${renderer}`);
      if (isSoftwareRenderer(renderer) && !allowSoftware)
        return this.unavailable(backend, `software renderer (${renderer})`);
    }
    return true;
  }

  unavailable(backend: BackendName, detail: string): false {
    this.report(backend, 'unavailable', detail);
    return false;
  }

  /** Loads and activates a backend; a start that throws becomes a notice. */
  async start(backend: BackendName): Promise<boolean> {
    try {
      await this.probes.prepare(backend);
      await this.probes.activate(backend);
      return true;
    } catch (err) {
      this.report(backend, 'failed', `failed to start: ${message(err)}`);
      this.notice(`${TITLE[backend]} failed to start (${message(err)}); trying the next backend.`);
      return false;
    }
  }

  /**
   * Starts `backend`, checks its kernels, runs one warm-up step (recording the kernel list the
   * first time) and `steps` timed ones, stopping early once past `budget` ms or clearly slower
   * than `bestMs`. Returns ms per step (0 when untimed), or null when the backend cannot train.
   */
  async trial(
    backend: BackendName,
    steps: number,
    budget = Infinity,
    bestMs: number | null = null,
  ): Promise<number | null> {
    if (!(await this.start(backend))) return null;
    if (this.lacksKernels(backend)) return null;
    let trial: TrainingTrial | null = null;
    try {
      trial = await this.options.createTrial(backend);
      const warmUp = trial;
      if (this.needed === null) this.needed = await this.probes.recordKernels(() => warmUp.step());
      else await warmUp.step();
      let done = 0;
      const started = this.probes.now();
      while (done < steps) {
        await trial.step();
        done += 1;
        const mean = (this.probes.now() - started) / done;
        if (this.probes.now() - started >= budget || (bestMs !== null && mean > 3 * bestMs)) break;
      }
      const ms = done > 0 ? (this.probes.now() - started) / done : 0;
      this.report(
        backend,
        done > 0 ? 'timed' : 'not-timed',
        done > 0 ? `${ms.toFixed(1)} ms/step` : 'trains (only candidate, not timed)',
        done > 0 ? ms : null,
      );
      return ms;
    } catch (err) {
      this.report(backend, 'failed', `failed a training step: ${message(err)}`);
      this.notice(`Training on ${TITLE[backend]} failed (${message(err)}); trying the next backend.`);
      return null;
    } finally {
      trial?.dispose();
    }
  }

  lacksKernels(backend: BackendName): boolean {
    if (this.needed === null) return false;
    const missing = this.needed.filter((k) => !this.probes.hasKernel(k, backend));
    if (missing.length === 0) return false;
    this.report(backend, 'missing-kernels', `lacks ${missing.join(', ')}`, null, missing);
    return true;
  }

  async finish(backend: BackendName, forced: boolean): Promise<BackendChoice> {
    await this.probes.activate(backend);
    const chosen = this.reports.get(backend);
    const msPerStep = chosen?.msPerStep ?? null;
    this.report(backend, 'chosen', forced ? 'chosen by you' : (chosen?.detail ?? 'fallback'), msPerStep);
    const label =
      backend === 'wasm' ? wasmLabel(await this.probes.wasmFeatures()) : (this.labels.get(backend) ?? TITLE[backend]);
    const why: string[] = forced ? ['chosen by you'] : [];
    for (const other of BACKENDS) {
      const r = this.reports.get(other);
      if (other === backend || !r || r.status === 'not-timed') continue;
      if (r.status === 'timed')
        why.push(`${TITLE[other]} slower (${r.detail}${msPerStep !== null ? ` vs ${msPerStep.toFixed(1)}` : ''})`);
      else if (r.status === 'unavailable') why.push(`${TITLE[other]} unavailable: ${r.detail}`);
      else why.push(`${TITLE[other]} ${r.detail}`);
    }
    return {
      backend,
      label,
      reason: why.length > 0 ? `${label} — ${why.join('; ')}` : label,
      forced,
      msPerStep,
      neededKernels: this.needed ?? [],
      candidates: BACKENDS.flatMap((b) => this.reports.get(b) ?? []),
      notices: this.notices,
    };
  }
}
