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
        const interleaved = x.shape.flatMap((s, i) => [reps[i]!, s]);
        const repAxes = x.shape.map((_, i) => 2 * i).filter((axis) => interleaved[axis]! > 1);
        if (repAxes.length === 0) return tf.reshape(grad, x.shape);
        return tf.reshape(tf.sum(tf.reshape(grad, interleaved), repAxes), x.shape);
      },
    };
  },
};

let registered = false;

/**
 * Puts our gradients in tfjs's gradient registry, which every backend shares. Safe to call again.
 */
export function registerTrainingGradients(): void {
  if (registered) return;
  tf.registerGradient(tileGradConfig);
  registered = true;
}
