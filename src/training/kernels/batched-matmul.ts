import type * as tf from '@tensorflow/tfjs';
import type { Info } from './wasm-scope';

/** The parts of tfjs-backend-wasm's BackendWasm this kernel uses. */
interface WasmBackend {
  dataIdMap: { get(id: tf.DataId): { id: number; memoryOffset: number }; delete(id: tf.DataId): boolean };
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number): Info;
  wasm: {
    cwrap(name: string, ret: null, args: string[]): (...args: unknown[]) => void;
    tfjs: { disposeData(id: number): void };
  };
}

let wasmBatchMatMul: ((...args: unknown[]) => void) | null = null;
let boundTo: unknown = null;

const shapeBytes = (shape: number[]) => new Uint8Array(new Int32Array(shape).buffer);

/**
 * A batched MatMul without transposes, [B, m, k] · [B|1, k, n], as B calls of wasm's own
 * BatchMatMul on one matrix each, read and written in place (tensor views registered at offsets
 * into the operands and the output, never copied). wasm's kernel takes its XNNPACK path only for
 * a batch of one and otherwise runs a plain loop: attention's [32, 2, 64, 64] · [32, 2, 64, 16]
 * took about 24 ms that way, 3–4× what the per-matrix calls take. Returns null when it does not
 * apply (a batch of one, other dtypes, broadcasting other than a shared right operand), so the
 * caller runs the stock kernel.
 */
export function batchedMatMulOnHeap(backend: tf.KernelBackend, a: Info, b: Info): Info | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const [m, k] = a.shape.slice(-2) as [number, number];
  const n = b.shape[b.shape.length - 1]!;
  const outer = a.shape.slice(0, -2);
  const batch = outer.reduce((p, d) => p * d, 1);
  const batchB = b.shape.slice(0, -2).reduce((p, d) => p * d, 1);
  const sameOuter = b.shape.length === a.shape.length && b.shape.slice(0, -2).every((d, i) => d === outer[i]);
  if (batch <= 1 || !(sameOuter || batchB === 1) || b.shape[b.shape.length - 2] !== k) return null;
  const w = backend as unknown as WasmBackend;
  if (!wasmBatchMatMul || boundTo !== w.wasm) {
    wasmBatchMatMul = w.wasm.cwrap('BatchMatMul', null, [
      'number',
      'array',
      'number',
      'number',
      'array',
      'number',
      'number',
      'number',
      'number',
    ]);
    boundTo = w.wasm;
  }
  const out = w.makeOutput([...outer, m, n], 'float32');
  const base = (t: Info) => w.dataIdMap.get(t.dataId).memoryOffset;
  const [aAt, bAt, outAt] = [base(a), base(b), base(out)];
  const views: Info[] = [];
  const view = (shape: number[], offset: number) => {
    const v = w.makeOutput(shape, 'float32', offset);
    views.push(v);
    return w.dataIdMap.get(v.dataId).id;
  };
  const [aShape, bShape] = [shapeBytes([1, m, k]), shapeBytes([1, k, n])];
  try {
    const sharedB = batchB === 1 ? w.dataIdMap.get(b.dataId).id : -1;
    for (let i = 0; i < batch; i++) {
      const aId = view([1, m, k], aAt + i * m * k * 4);
      const bId = sharedB >= 0 ? sharedB : view([1, k, n], bAt + i * k * n * 4);
      const outId = view([1, m, n], outAt + i * m * n * 4);
      wasmBatchMatMul(aId, aShape, 3, bId, bShape, 3, false, false, outId);
    }
  } finally {
    // Views own no memory: only their registrations go (freeing them would free inside the operands).
    for (const v of views) {
      w.wasm.tfjs.disposeData(w.dataIdMap.get(v.dataId).id);
      w.dataIdMap.delete(v.dataId);
    }
  }
  return out;
}
