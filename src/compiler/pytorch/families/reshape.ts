import { ints, num, str } from '../../../model/params';
import { pyNumber, pyString, pyValue } from '../../python/py-literal';
import type { LayerFamily } from '../family';

/**
 * Layers that move values around. Tensors are in Keras layout here (NHWC), so Flatten and
 * Reshape read them in the same row-major order as tfjs.
 */

const PYTHON = String.raw`
class Flatten(Layer):
    def forward(self, x):
        return x.reshape(x.shape[0], -1)


class Reshape(Layer):
    def __init__(self, name, key, weights, trainable, target_shape):
        super().__init__(name, key, weights, trainable)
        self.target_shape = target_shape

    def forward(self, x):
        return x.reshape((x.shape[0],) + self.target_shape)


class Permute(Layer):
    def __init__(self, name, key, weights, trainable, dims):
        super().__init__(name, key, weights, trainable)
        self.dims = dims

    def forward(self, x):
        return x.permute(0, *self.dims)


class RepeatVector(Layer):
    def __init__(self, name, key, weights, trainable, n):
        super().__init__(name, key, weights, trainable)
        self.n = n

    def forward(self, x):
        return x.unsqueeze(1).repeat(1, self.n, 1)


class ZeroPadding2D(Layer):
    def __init__(self, name, key, weights, trainable, padding):
        super().__init__(name, key, weights, trainable)
        self.padding = padding  # top, bottom, left, right

    def forward(self, x):
        top, bottom, left, right = self.padding
        return F.pad(x, (0, 0, left, right, top, bottom))


class Cropping2D(Layer):
    def __init__(self, name, key, weights, trainable, cropping):
        super().__init__(name, key, weights, trainable)
        self.cropping = cropping  # top, bottom, left, right

    def forward(self, x):
        top, bottom, left, right = self.cropping
        return x[:, top:x.shape[1] - bottom, left:x.shape[2] - right, :]


def tfjs_bilinear_axis(x, axis, factor):
    """tfjs's resizeBilinear along one axis (align_corners and half_pixel_centers off): output i
    reads input i * in / out, blending the two neighbours; torch's align_corners=False differs."""
    size = x.shape[axis]
    out = size * factor
    source = torch.arange(out, dtype=torch.float64, device=x.device) * (size / out)
    low = source.floor().long().clamp(max=size - 1)
    high = (low + 1).clamp(max=size - 1)
    shape = [1] * x.dim()
    shape[axis] = out
    frac = (source - low.double()).to(x.dtype).view(shape)
    a = x.index_select(axis, low)
    return a + (x.index_select(axis, high) - a) * frac


class UpSampling2D(Layer):
    def __init__(self, name, key, weights, trainable, size, interpolation="nearest"):
        super().__init__(name, key, weights, trainable)
        self.size = size
        self.interpolation = interpolation

    def forward(self, x):
        for axis, factor in ((1, self.size[0]), (2, self.size[1])):
            if self.interpolation == "bilinear":
                x = tfjs_bilinear_axis(x, axis, factor)
            else:
                x = x.repeat_interleave(factor, dim=axis)
        return x
`;

export const reshapeFamily: LayerFamily = {
  types: ['Flatten', 'Reshape', 'Permute', 'RepeatVector', 'ZeroPadding2D', 'Cropping2D', 'UpSampling2D'],
  python: [PYTHON],
  call({ node }) {
    const p = node.params;
    switch (node.type) {
      case 'Reshape':
        return { cls: 'Reshape', kwargs: [['target_shape', pyValue([...ints(p, 'target_shape')])]] };
      case 'Permute':
        return { cls: 'Permute', kwargs: [['dims', pyValue([...ints(p, 'dims')])]] };
      case 'RepeatVector':
        return { cls: 'RepeatVector', kwargs: [['n', pyNumber(num(p, 'n', 3))]] };
      case 'ZeroPadding2D':
        return { cls: 'ZeroPadding2D', kwargs: [['padding', pyValue([...ints(p, 'padding', [1, 1, 1, 1])])]] };
      case 'Cropping2D':
        return { cls: 'Cropping2D', kwargs: [['cropping', pyValue([...ints(p, 'cropping', [0, 0, 0, 0])])]] };
      case 'UpSampling2D':
        return {
          cls: 'UpSampling2D',
          kwargs: [
            ['size', pyValue([...ints(p, 'size', [2, 2])])],
            ['interpolation', pyString(str(p, 'interpolation', 'nearest'))],
          ],
        };
      default:
        return { cls: 'Flatten', kwargs: [] };
    }
  },
};
