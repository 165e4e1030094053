import * as tf from '@tensorflow/tfjs';

/**
 * tfjs-backend-cpu 4.22's ResizeNearestNeighborGrad is wrong for a batch of more than one image:
 * the second image's gradient lands at the wrong offsets (found by the backend parity test,
 * issue 18: on the conv-autoencoder's UpSampling2D every other backend agreed and cpu did not).
 * Its result for one image is right, so the fix runs it image by image.
 */
interface CpuBackend extends tf.KernelBackend {
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
  readSync(dataId: tf.DataId): Float32Array;
  disposeIntermediateTensorInfo(info: tf.TensorInfo): void;
}

function perImage(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { images, dy } = args.inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
    const batch = images.shape[0]!;
    if (batch <= 1) return stock(args);
    const backend = args.backend as CpuBackend;
    const dyAll = backend.readSync(dy.dataId);
    const [, ih, iw, c] = images.shape as number[];
    const dySize = dyAll.length / batch;
    const outSize = ih! * iw! * c!;
    const out = new Float32Array(batch * outSize);
    const oneImage = backend.makeTensorInfo([1, ih!, iw!, c!], 'float32', new Float32Array(outSize));
    for (let n = 0; n < batch; n++) {
      const dyOne = backend.makeTensorInfo(
        [1, ...dy.shape.slice(1)],
        'float32',
        dyAll.slice(n * dySize, (n + 1) * dySize),
      );
      const grad = stock({ ...args, inputs: { images: oneImage, dy: dyOne } }) as tf.TensorInfo;
      out.set(backend.readSync(grad.dataId), n * outSize);
      backend.disposeIntermediateTensorInfo(dyOne);
      backend.disposeIntermediateTensorInfo(grad);
    }
    backend.disposeIntermediateTensorInfo(oneImage);
    return backend.makeTensorInfo([...images.shape], 'float32', out);
  };
}

let fixed = false;

/** Replaces the cpu kernels known to be wrong; safe to call again. */
export function registerCpuKernelFixes(): void {
  const stock = tf.getKernel(tf.ResizeNearestNeighborGrad, 'cpu');
  if (fixed || !stock) return;
  tf.unregisterKernel(tf.ResizeNearestNeighborGrad, 'cpu');
  tf.registerKernel({ ...stock, kernelFunc: perImage(stock.kernelFunc) });
  fixed = true;
}
