import * as tf from '@tensorflow/tfjs';
import { needsCrop, type AxisFit } from './conv-geometry';

export type Info = tf.TensorInfo;
export type Shape4 = [number, number, number, number];
export type Pairs = Array<[number, number]>;

/**
 * Runs other wasm kernels straight through their kernel functions (the way tfjs composes its own
 * kernels: no engine bookkeeping, no tape) and frees every intermediate once the composite kernel
 * is done. Only the value handed to `result()` survives `dispose()`.
 */
export class WasmScope {
  private readonly owned: Info[] = [];

  constructor(readonly backend: tf.KernelBackend) {}

  run(kernelName: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): Info {
    const kernel = tf.getKernel(kernelName, 'wasm');
    if (!kernel)
      throw new Error(`The wasm backend has no '${kernelName}' kernel, which the training kernels build on.`);
    return this.runFunc(kernel.kernelFunc, inputs, attrs);
  }

  runFunc(kernelFunc: tf.KernelFunc, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): Info {
    const out = kernelFunc({ inputs, attrs, backend: this.backend });
    if (Array.isArray(out)) throw new Error('A wasm kernel returned several tensors where one was expected.');
    this.owned.push(out);
    return out;
  }

  /** Takes ownership of a tensor made outside run() (freed by dispose() unless it is the result). */
  adopt(out: Info): Info {
    this.owned.push(out);
    return out;
  }

  /** Marks `out` as the composite kernel's output: it is not freed by dispose(). */
  result(out: Info): Info {
    const i = this.owned.lastIndexOf(out);
    if (i < 0) throw new Error('A training kernel tried to return a tensor it does not own.');
    this.owned.splice(i, 1);
    return out;
  }

  dispose(): void {
    for (const info of this.owned.splice(0)) this.backend.disposeData(info.dataId);
  }

  reshape(x: Info, shape: number[]): Info {
    return this.run(tf.Reshape, { x }, { shape });
  }

  transpose(x: Info, perm: number[]): Info {
    return this.run(tf.Transpose, { x }, { perm });
  }

  reverse(x: Info, dims: number[]): Info {
    return this.run(tf.Reverse, { x }, { dims });
  }

  pad(x: Info, paddings: Pairs): Info {
    return this.run(tf.PadV2, { x }, { paddings, constantValue: 0 });
  }

  slice(x: Info, begin: number[], size: number[]): Info {
    return this.run(tf.Slice, { x }, { begin, size });
  }

  /** Drops leading/trailing rows and columns of a [n,H,W,c] tensor (explicit paddings can leave some unread). */
  cropSpatial(t: Info, rows: AxisFit, cols: AxisFit): Info {
    if (!needsCrop([rows, cols])) return t;
    const [n, h, w, c] = t.shape as Shape4;
    const size = [n, h - rows.crop[0] - rows.crop[1], w - cols.crop[0] - cols.crop[1], c];
    return this.slice(t, [0, rows.crop[0], cols.crop[0], 0], size);
  }

  sum(x: Info, axis: number[]): Info {
    return this.run(tf.Sum, { x }, { axis, keepDims: false });
  }

  /** NHWC convolution with explicit (non-negative) padding. */
  conv2d(x: Info, filter: Info, strides: [number, number], dilations: [number, number], pad: Pairs): Info {
    return this.run(tf.Conv2D, { x, filter }, { strides, dilations, pad: explicit(pad), dataFormat: 'NHWC' });
  }

  depthwiseConv2d(x: Info, filter: Info, strides: [number, number], dilations: [number, number], pad: Pairs): Info {
    return this.run(
      tf.DepthwiseConv2dNative,
      { x, filter },
      { strides, dilations, pad: explicit(pad), dataFormat: 'NHWC' },
    );
  }
}

/** Spatial [[top, bottom], [left, right]] as the 4-D explicit padding tfjs expects. */
function explicit(spatial: Pairs): tf.NamedAttrMap[string] {
  return [[0, 0], spatial[0]!, spatial[1]!, [0, 0]] as unknown as tf.NamedAttrMap[string];
}

/** Runs `body` with a fresh scope; returns its result and frees everything else, even on error. */
export function composite(backend: tf.KernelBackend, body: (s: WasmScope) => Info): Info {
  const scope = new WasmScope(backend);
  try {
    return scope.result(body(scope));
  } finally {
    scope.dispose();
  }
}

const fallbacks: string[] = [];

/** Records that a fast path threw and a slower, general one ran instead (tests assert none). */
export function noteFallback(kernelName: string, err: unknown): void {
  fallbacks.push(`${kernelName}: ${err instanceof Error ? err.message : String(err)}`);
}

/** Fast-path failures so far, oldest first. */
export function fastPathFallbacks(): readonly string[] {
  return fallbacks;
}
