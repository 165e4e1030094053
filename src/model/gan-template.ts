/**
 * The DCGAN template (Radford et al. 2015, scaled down for a browser): both graphs sized to the
 * dataset's images `[height, width, channels]`.
 *
 * The generator (LayerNormalization + ReLU in its hidden layers) draws a map of ⌈h/4⌉ × ⌈w/4⌉,
 * doubles it twice (by default a bilinear UpSampling2D then a 3×3 Conv2D, which leaves no
 * checkerboard; a 4×4 Conv2DTranspose of stride 2 on request) and crops the few extra rows and
 * columns at the end, so sizes that do not divide by 4 need no padding tricks (TensorFlow.js 4.22's
 * Conv2DTranspose has no output_padding). The last layer is a sigmoid, matching images scaled to
 * [0, 1] (src/data/images/transform.ts).
 *
 * The discriminator halves the image twice with strided Conv2D + LeakyReLU(0.2) and ends in one
 * linear unit: a logit, as gan.ts asks.
 */
import { buildGraph, type LayerDraft } from './build';
import type { GanGraphs } from './gan';

/** The GAN templates, listed beside the model templates by `layerloom templates` (two networks, so not a Template). */
export const GAN_TEMPLATES = [
  {
    id: 'dcgan',
    title: 'DCGAN',
    description:
      'A generator (latent vector → Dense → upsampling convolutions → an image) and a discriminator (convolutions → a real/fake score), trained in turns: new images like yours.',
    task: 'Images · generation',
    data: ['image'],
  },
] as const;

export interface DcganOptions {
  /** Length of the latent vector (default 64). */
  readonly latentDim?: number;
  /** Filters of the generator's widest layer (default 64); its other hidden layer has half. */
  readonly width?: number;
  /**
   * 'layer': a LayerNormalization before each hidden ReLU of the generator (over the channels of
   * each pixel on feature maps, as ProGAN's pixel norm). It has no running statistics, so a
   * discriminator step, which runs the generator forward, still changes none of its weights, as a
   * BatchNormalization's moving mean would. Default 'layer': on Fashion-MNIST it halved the Fréchet
   * distance after 2 epochs (68 against 145 without; bench/gan-fashion.ts).
   */
  readonly normalization?: 'none' | 'layer';
  /**
   * How the generator doubles its map. 'bilinear' or 'nearest': an UpSampling2D then a 3×3 Conv2D
   * (a resize-convolution, Odena et al. 2016, "Deconvolution and Checkerboard Artifacts").
   * 'transpose': a 4×4 Conv2DTranspose of stride 2, the DCGAN paper's, whose uneven overlap draws a
   * checkerboard. On Fashion-MNIST (bench/gan-fashion.ts, seed 1, default settings) the Fréchet
   * distance after epochs 1/2/3 was 139/68/40 with 'transpose', 49/32/36 with 'nearest' (whose
   * samples carried a lattice of bright lines) and 45/34/46 with 'bilinear' (smooth shapes).
   * Default 'bilinear' (tfjs-backend-cpu 4.22's gradient for it is wrong on maps that are not
   * square; src/training/kernels/cpu-fixes.ts replaces it).
   */
  readonly upsampling?: 'bilinear' | 'nearest' | 'transpose';
  /** Filters of the discriminator's widest (second) layer, its first has half (default: width). */
  readonly discriminatorWidth?: number;
}

export class GanTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GanTemplateError';
  }
}

/** Rows (or columns) to crop on each side so `drawn` becomes `wanted`; the odd one goes to the end. */
function split(extra: number): [number, number] {
  const first = Math.floor(extra / 2);
  return [first, extra - first];
}

export function dcganTemplate(imageShape: readonly number[], options: DcganOptions = {}): GanGraphs {
  const [h, w, c] = imageShape;
  if (imageShape.length !== 3 || ![h, w, c].every((v) => Number.isInteger(v) && (v as number) > 0)) {
    throw new GanTemplateError(
      `The DCGAN template needs images of [height, width, channels], got ${JSON.stringify(imageShape)}: load an image dataset`,
    );
  }
  const height = h as number;
  const width = w as number;
  const channels = c as number;
  if (height < 4 || width < 4) {
    throw new GanTemplateError(
      `The DCGAN template halves the image twice, so it needs images of at least 4×4 pixels; these are ${height}×${width}`,
    );
  }
  const latent = options.latentDim ?? 64;
  const wide = options.width ?? 64;
  const half = Math.max(1, Math.floor(wide / 2));
  const dWide = options.discriminatorWidth ?? wide;
  const h0 = Math.ceil(height / 4);
  const w0 = Math.ceil(width / 4);

  const normalized = (options.normalization ?? 'layer') === 'layer';
  /** The hidden layer's ReLU, after a LayerNormalization when asked for. */
  const relu = (name: string): LayerDraft[] =>
    normalized
      ? [
          { type: 'LayerNormalization', name: `${name}_norm` },
          { type: 'ReLU', name: `${name}_relu` },
        ]
      : [];
  const act = normalized ? 'linear' : 'relu';
  const upsampling = options.upsampling ?? 'bilinear';
  /** One doubling of the map: resize then convolve, or one transposed convolution. */
  const double = (name: string, filters: number, activation: string): LayerDraft[] =>
    upsampling !== 'transpose'
      ? [
          { type: 'UpSampling2D', name: `${name}_up`, params: { size: [2, 2], interpolation: upsampling } },
          {
            type: 'Conv2D',
            name,
            params: { filters, kernel_size: [3, 3], strides: [1, 1], padding: 'same', activation },
          },
        ]
      : [
          {
            type: 'Conv2DTranspose',
            name,
            params: { filters, kernel_size: [4, 4], strides: [2, 2], padding: 'same', activation },
          },
        ];
  const generator: LayerDraft[] = [
    { type: 'Input', name: 'latent', params: { shape: [latent] } },
    { type: 'Dense', name: 'g_project', params: { units: h0 * w0 * wide, activation: act } },
    ...relu('g_project'),
    { type: 'Reshape', name: 'g_map', params: { target_shape: [h0, w0, wide] } },
    ...double('g_up1', half, act),
    ...relu('g_up1'),
    ...double('g_image', channels, 'sigmoid'),
  ];
  const extraRows = h0 * 4 - height;
  const extraCols = w0 * 4 - width;
  if (extraRows > 0 || extraCols > 0) {
    generator.push({
      type: 'Cropping2D',
      name: 'g_crop',
      params: { cropping: [...split(extraRows), ...split(extraCols)] },
    });
  }

  const discriminator: LayerDraft[] = [
    { type: 'Input', name: 'image', params: { shape: [height, width, channels] } },
    {
      type: 'Conv2D',
      name: 'd_conv1',
      params: { filters: Math.max(1, Math.floor(dWide / 2)), kernel_size: [4, 4], strides: [2, 2], padding: 'same' },
    },
    { type: 'LeakyReLU', name: 'd_leaky1', params: { alpha: 0.2 } },
    {
      type: 'Conv2D',
      name: 'd_conv2',
      params: { filters: dWide, kernel_size: [4, 4], strides: [2, 2], padding: 'same' },
    },
    { type: 'LeakyReLU', name: 'd_leaky2', params: { alpha: 0.2 } },
    { type: 'Flatten', name: 'd_flatten' },
    { type: 'Dense', name: 'd_score', params: { units: 1, activation: 'linear' } },
  ];
  return { generator: buildGraph(generator), discriminator: buildGraph(discriminator) };
}
