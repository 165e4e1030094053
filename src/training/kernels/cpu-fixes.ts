import * as tf from '@tensorflow/tfjs';

/**
 * Two tfjs-backend-cpu 4.22 resize gradients are wrong:
 * - ResizeNearestNeighborGrad for a batch of more than one image: the second image's gradient lands
 *   at the wrong offsets (found by the backend parity test, issue 18: on the conv-autoencoder's
 *   UpSampling2D every other backend agreed and cpu did not). Its result for one image is right, so
 *   the fix runs it image by image.
 * - ResizeBilinearGrad for images that are not square: it returns height and width swapped, so the
 *   DCGAN's bilinear UpSampling2D on a 30×21 image could not train on cpu. The fix is the gradient
 *   written out (as wasm computes it, which a finite-difference check confirms).
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

/**
 * dx of a bilinear resize: each dy value goes to the four input pixels its sample point lies
 * between, weighted as the forward pass weighted them (alignCorners as given; no half-pixel
 * centres, which the gradient of tfjs 4.22 does not take either).
 */
function resizeBilinearGrad(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { images, dy } = args.inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
  const { alignCorners } = args.attrs as unknown as tf.ResizeBilinearGradAttrs;
  const backend = args.backend as CpuBackend;
  const [batch, xh, xw, depth] = images.shape as [number, number, number, number];
  const [, yh, yw] = dy.shape as [number, number, number, number];
  const g = backend.readSync(dy.dataId);
  const out = new Float32Array(batch * xh * xw * depth);
  const add = (i: number, v: number) => (out[i] = out[i]! + v);
  const scale = (x: number, y: number) => (alignCorners && y > 1 ? (x - 1) / (y - 1) : x / y);
  const [sh, sw] = [scale(xh, yh), scale(xw, yw)];
  for (let b = 0; b < batch; b++) {
    for (let r = 0; r < yh; r++) {
      const fr = r * sh;
      const top = Math.floor(fr);
      const bottom = Math.min(Math.ceil(fr), xh - 1);
      const dr = fr - top;
      for (let c = 0; c < yw; c++) {
        const fc = c * sw;
        const left = Math.floor(fc);
        const right = Math.min(Math.ceil(fc), xw - 1);
        const dc = fc - left;
        const from = ((b * yh + r) * yw + c) * depth;
        const at = (row: number, col: number) => ((b * xh + row) * xw + col) * depth;
        for (let d = 0; d < depth; d++) {
          const v = g[from + d]!;
          add(at(top, left) + d, v * (1 - dr) * (1 - dc));
          add(at(top, right) + d, v * (1 - dr) * dc);
          add(at(bottom, left) + d, v * dr * (1 - dc));
          add(at(bottom, right) + d, v * dr * dc);
        }
      }
    }
  }
  return backend.makeTensorInfo([...images.shape], 'float32', out);
}

let fixed = false;

/** Replaces the cpu kernels known to be wrong; safe to call again. */
export function registerCpuKernelFixes(): void {
  const stock = tf.getKernel(tf.ResizeNearestNeighborGrad, 'cpu');
  if (fixed || !stock) return;
  tf.unregisterKernel(tf.ResizeNearestNeighborGrad, 'cpu');
  tf.registerKernel({ ...stock, kernelFunc: perImage(stock.kernelFunc) });
  if (tf.getKernel(tf.ResizeBilinearGrad, 'cpu')) tf.unregisterKernel(tf.ResizeBilinearGrad, 'cpu');
  tf.registerKernel({ kernelName: tf.ResizeBilinearGrad, backendName: 'cpu', kernelFunc: resizeBilinearGrad });
  fixed = true;
}
