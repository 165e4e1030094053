/**
 * Index arithmetic shared by the convolution gradient kernels. Each gradient is rewritten as a
 * forward convolution over a padded (or cropped) tensor; these helpers say, per spatial axis, how
 * much to pad (handed to the convolution as explicit padding) and how much to crop (a Slice, for
 * the rare explicit paddings that leave rows the gradient never touches).
 */
export interface AxisFit {
  /** Zeros to add before and after (non-negative). */
  pad: [number, number];
  /** Elements to drop before and after (non-negative). */
  crop: [number, number];
}

/**
 * A length-`length` axis must start `before` elements early (negative: start inside it) and
 * span exactly `span` elements.
 */
export function fitAxis(length: number, before: number, span: number): AxisFit {
  const after = span - length - before;
  return { pad: [Math.max(before, 0), Math.max(after, 0)], crop: [Math.max(-before, 0), Math.max(-after, 0)] };
}

export interface AxisConv {
  /** Input length (forward pass). */
  inSize: number;
  /** Output length (forward pass). */
  outSize: number;
  filterSize: number;
  stride: number;
  dilation: number;
  /** Padding before the first input element (forward pass). */
  padBefore: number;
}

/**
 * Filter gradient, along one axis: dW[k] = Σ_y X[y·stride + k·dilation − padBefore] · dY[y].
 * As a convolution over X with dY as the filter: filter dilation = stride, stride = dilation,
 * and the padded input must span exactly (k−1)·dilation + (out−1)·stride + 1 elements so the
 * result has filterSize elements.
 */
export function filterGradAxis(a: AxisConv): AxisFit {
  const span = (a.filterSize - 1) * a.dilation + (a.outSize - 1) * a.stride + 1;
  return fitAxis(a.inSize, a.padBefore, span);
}

/**
 * Input gradient, along one axis: dX[i] = Σ_k D[i + padBefore − k·dilation] · W[k], where D is dY
 * with stride−1 zeros after each element (length out·stride). With the filter reversed this is a
 * stride-1 convolution over D padded by (k−1)·dilation − padBefore in front and spanning
 * inSize + (k−1)·dilation elements, so the result has inSize elements.
 */
export function inputGradAxis(a: AxisConv): AxisFit {
  const reach = (a.filterSize - 1) * a.dilation;
  return fitAxis(a.outSize * a.stride, reach - a.padBefore, a.inSize + reach);
}

export function needsCrop(fits: readonly AxisFit[]): boolean {
  return fits.some((f) => f.crop[0] > 0 || f.crop[1] > 0);
}
