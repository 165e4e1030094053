import * as tf from '@tensorflow/tfjs';

/**
 * Tile's gradient as one reshape and one sum: dY of x tiled by `reps` is viewed as
 * [r0, s0, r1, s1, …] (x's shape s, interleaved with the repetitions r) and summed over the r axes.
 * tfjs 4.22's own gradient slices dY once per tile and adds the slices up, one kernel pair per tile:
 * tfjs-layers' LayerNormalization tiles its gain and bias [1, 1, d] over [batch, steps, 1], so on
 * a Transformer with batch 32 and 64 steps each of its gradients ran 2,048 Slice + Add pairs, and
 * char-gpt's step spent about 85% of its kernel time there. Any rank works, not only 1 to 4.
 */
export const tileGradConfig: tf.GradConfig = {
  kernelName: tf.Tile,
  inputsToSave: ['x'],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
    const [x] = saved as [tf.Tensor];
    const { reps } = attrs as unknown as tf.TileAttrs;
    return {
      x: () => {
        const grad = dy as tf.Tensor;
        const { shape, axes } = foldedTiles(x.shape, reps);
        if (axes.length === 0) return tf.reshape(grad, x.shape);
        return tf.reshape(tf.sum(tf.reshape(grad, shape), axes), x.shape);
      },
    };
  },
};

/**
 * dY's view as [r0, s0, r1, s1, …] with the axes of size 1 dropped and neighbours of the same kind
 * (repetition or x's own) merged, and which axes are repetitions. A 4-D LayerNormalization gain
 * ([1,1,1,d] tiled over [b,h,w,1]) becomes [b·h·w, d] instead of a rank-8 view, which WebGL and
 * WebGPU cannot transpose ("rank 8 is not yet supported": the DCGAN's generator could not train).
 */
export function foldedTiles(xShape: readonly number[], reps: readonly number[]): { shape: number[]; axes: number[] } {
  const dims: { size: number; rep: boolean }[] = [];
  xShape.forEach((s, i) => {
    for (const d of [
      { size: reps[i]!, rep: true },
      { size: s, rep: false },
    ]) {
      if (d.size === 1) continue;
      const last = dims.at(-1);
      if (last && last.rep === d.rep) last.size *= d.size;
      else dims.push({ ...d });
    }
  });
  return { shape: dims.map((d) => d.size), axes: dims.flatMap((d, i) => (d.rep ? [i] : [])) };
}

let registered = false;

/**
 * Puts our gradients in tfjs's gradient registry, which every backend shares. Safe to call again.
 */
export function registerTrainingGradients(): void {
  if (registered) return;
  tf.registerGradient(tileGradConfig);
  registered = true;
}
