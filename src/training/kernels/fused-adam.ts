import * as tf from '@tensorflow/tfjs';
import type { Info } from './wasm-scope';

/** Our kernel's name: one Adam update of one weight tensor, outputs [value, m, v]. */
export const FUSED_ADAM = 'LayerloomFusedAdam';

/** The update's float32 constants, as tfjs's AdamOptimizer turns them into scalars. */
export interface FusedAdamAttrs {
  beta1: number;
  oneMinusBeta1: number;
  beta2: number;
  oneMinusBeta2: number;
  /** 1 − β1^t and 1 − β2^t: the bias corrections. */
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
  epsilon: number;
  negLearningRate: number;
}

interface WasmHeap {
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  typedArrayFromHeap(info: Info): tf.TypedArray;
}

const f = Math.fround;

/**
 * Adam for one weight tensor in one pass over the wasm heap. Each step rounds to float32 in the
 * order tfjs's AdamOptimizer runs its ops (m·β1 + g·(1−β1), …, w + m̂/(√v̂ + ε)·(−lr)), so the
 * result is the stock optimizer's to the bit: it only saves the ~12 kernel calls and 10
 * intermediate tensors per weight that dominated MLP A's step.
 */
function fusedAdam(args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap }) {
  const { value, m, v, gradient } = args.inputs as Record<'value' | 'm' | 'v' | 'gradient', Info>;
  const a = args.attrs as unknown as FusedAdamAttrs;
  const heap = args.backend as unknown as WasmHeap;
  const outs = [value, m, v].map((t) => heap.makeOutput([...t.shape], 'float32'));
  // Views only after every makeOutput: allocating may grow wasm memory and detach earlier views.
  const [w1, m1, v1] = outs.map((o) => heap.typedArrayFromHeap(o) as Float32Array) as [
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  const [w0, m0, v0, g] = [value, m, v, gradient].map((t) => heap.typedArrayFromHeap(t) as Float32Array) as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  const [b1, c1, b2, c2] = [f(a.beta1), f(a.oneMinusBeta1), f(a.beta2), f(a.oneMinusBeta2)];
  const [o1, o2, eps, nlr] = [f(a.oneMinusAccBeta1), f(a.oneMinusAccBeta2), f(a.epsilon), f(a.negLearningRate)];
  for (let i = 0; i < g.length; i++) {
    const gi = g[i]!;
    const mi = f(f(m0[i]! * b1) + f(gi * c1));
    const vi = f(f(v0[i]! * b2) + f(f(gi * gi) * c2));
    m1[i] = mi;
    v1[i] = vi;
    const step = f(f(f(mi / o1) / f(f(Math.sqrt(f(vi / o2))) + eps)) * nlr);
    w1[i] = f(step + w0[i]!);
  }
  return outs;
}

export const fusedAdamConfig: tf.KernelConfig = {
  kernelName: FUSED_ADAM,
  backendName: 'wasm',
  kernelFunc: fusedAdam as unknown as tf.KernelFunc,
};

interface AdamInternals {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>;
  accumulatedSecondMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>;
  incrementIterations(): void;
}

/**
 * Makes `optimizer` (tfjs's Adam) apply each weight's update as one FUSED_ADAM kernel call when
 * the active backend has that kernel (wasm with our kernels), and as tfjs does otherwise. The slot
 * variables, β powers and step count are tfjs's own fields, so saving and restoring state
 * (optimizers.ts) is unchanged.
 */
export function withFusedAdam(optimizer: tf.AdamOptimizer): tf.AdamOptimizer {
  const o = optimizer as unknown as AdamInternals;
  const stock = optimizer.applyGradients.bind(optimizer);
  optimizer.applyGradients = (grads: Parameters<tf.AdamOptimizer['applyGradients']>[0]) => {
    const list: Array<{ name: string; tensor: tf.Tensor }> = Array.isArray(grads)
      ? grads
      : Object.keys(grads).map((name) => ({ name, tensor: grads[name]! }));
    if (!tf.getKernel(FUSED_ADAM, tf.getBackend()) || list.some((g) => g.tensor.dtype !== 'float32')) {
      stock(grads);
      return;
    }
    const acc1 = o.accBeta1.dataSync()[0]!;
    const acc2 = o.accBeta2.dataSync()[0]!;
    const attrs: FusedAdamAttrs = {
      beta1: o.beta1,
      oneMinusBeta1: 1 - o.beta1,
      beta2: o.beta2,
      oneMinusBeta2: 1 - o.beta2,
      oneMinusAccBeta1: 1 - acc1,
      oneMinusAccBeta2: 1 - acc2,
      epsilon: o.epsilon,
      negLearningRate: -o.learningRate,
    };
    tf.tidy(() => {
      list.forEach(({ name, tensor: gradient }, i) => {
        const value = tf.engine().registeredVariables[name]!;
        const slot = (suffix: string) => ({
          originalName: `${name}/${suffix}`,
          variable: tf.tidy(() => tf.variable(tf.zerosLike(value), false)),
        });
        o.accumulatedFirstMoment[i] ??= slot('m');
        o.accumulatedSecondMoment[i] ??= slot('v');
        const m = o.accumulatedFirstMoment[i]!.variable;
        const v = o.accumulatedSecondMoment[i]!.variable;
        const [w1, m1, v1] = tf
          .engine()
          .runKernel(FUSED_ADAM, { value, m, v, gradient }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(m1!);
        v.assign(v1!);
        value.assign(w1!);
      });
      // As tfjs: β^t kept as a running float32 product.
      o.accBeta1.assign(tf.mul(o.accBeta1, o.beta1));
      o.accBeta2.assign(tf.mul(o.accBeta2, o.beta2));
    });
    o.incrementIterations();
  };
  return optimizer;
}
