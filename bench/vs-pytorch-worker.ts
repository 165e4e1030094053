// Browser module worker for vs-pytorch.bench.ts (served by the vite dev server): our side with N wasm threads.
import { measureOurs, type OursWorkload } from './vs-pytorch-ours';

interface Request {
  threads: number;
  workloads: Record<string, OursWorkload>;
  profile: string | null;
}

self.onmessage = async (event: MessageEvent<Request>) => {
  const { threads, workloads, profile } = event.data;
  try {
    // tfjs-backend-wasm's binary caps its pool at navigator.hardwareConcurrency / 2 whatever
    // setThreadsCount asks (emscripten_num_logical_cores reads it), so 2 threads on 2 cores need
    // the count raised before the backend starts.
    if (threads > 1) {
      Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 2 * threads, configurable: true });
    }
    self.postMessage(await measureOurs(threads, workloads, profile));
  } catch (err) {
    self.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
};
