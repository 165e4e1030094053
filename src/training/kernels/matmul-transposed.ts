import type * as tf from '@tensorflow/tfjs';
import { batchedMatMulOnHeap } from './batched-matmul';
import { composite } from './wasm-scope';

/** Swaps the last two axes. */
function swapLast(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [rank - 1, rank - 2];
  return perm;
}

/**
 * Wraps wasm's BatchMatMul or _FusedMatMul so that a transposed operand is transposed explicitly
 * first. The stock kernels run their fast XNNPACK path only without transposes; every Dense
 * gradient asks for one (dW = xᵀ·dY, dX = dY·Wᵀ), and [64,1600]ᵀ·[64,128] took 12 ms where
 * Transpose + MatMul takes under 2. With `batched` (plain BatchMatMul, not the fused one), a batch
 * of several matrices runs one matrix at a time on XNNPACK (batched-matmul.ts).
 */
export function makeTransposeFreeMatMul(stock: tf.KernelFunc, batched = false): tf.KernelFunc {
  return (args) => {
    const attrs = args.attrs as unknown as tf.BatchMatMulAttrs;
    const backend = args.backend as tf.KernelBackend;
    if (!attrs.transposeA && !attrs.transposeB) {
      const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      return (batched ? batchedMatMulOnHeap(backend, a, b) : null) ?? stock(args);
    }
    return composite(backend, (s) => {
      const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      const inputs = {
        ...args.inputs,
        a: attrs.transposeA ? s.transpose(a, swapLast(a.shape.length)) : a,
        b: attrs.transposeB ? s.transpose(b, swapLast(b.shape.length)) : b,
      };
      const fast = batched ? batchedMatMulOnHeap(backend, inputs.a, inputs.b) : null;
      return fast ? s.adopt(fast) : s.runFunc(stock, inputs, { ...args.attrs, transposeA: false, transposeB: false });
    });
  };
}
