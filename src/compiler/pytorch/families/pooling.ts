import { bool, ints, str } from '../../../model/params';
import { pyString, pyValue } from '../../python/py-literal';
import type { LayerFamily } from '../family';
import { SPATIAL_PY } from './conv';

/**
 * Pooling, 1D and 2D. TF's 'same' max pooling pads with -inf; its 'same' average divides by the
 * number of real values in each window (padding not counted), asymmetric padding included, so
 * the average is a padded sum divided by a padded count.
 */

const PYTHON = String.raw`
MAX_POOL = {1: F.max_pool1d, 2: F.max_pool2d}
AVG_POOL = {1: F.avg_pool1d, 2: F.avg_pool2d}


class Pool(Layer):
    def __init__(self, name, key, weights, trainable, mode, pool_size, strides, padding):
        super().__init__(name, key, weights, trainable)
        self.mode = mode
        self.rank = len(pool_size)
        self.pool_size = pool_size
        self.strides = strides
        self.padding = padding

    def forward(self, x):
        x = to_channels_first(x)
        pads = window_pads(x, self.padding, self.pool_size, self.strides, (1,) * self.rank)
        if self.mode == "max":
            y = MAX_POOL[self.rank](pad_spatial(x, pads, -math.inf), self.pool_size, self.strides)
        else:
            pool = AVG_POOL[self.rank]
            y = pool(pad_spatial(x, pads), self.pool_size, self.strides)
            if any(before or after for before, after in pads):
                ones = x.new_ones((1, 1) + tuple(x.shape[2:]))
                y = y / pool(pad_spatial(ones, pads), self.pool_size, self.strides)
        return to_channels_last(y)


class GlobalPool(Layer):
    def __init__(self, name, key, weights, trainable, mode, rank, keepdims=False):
        super().__init__(name, key, weights, trainable)
        self.mode = mode
        self.rank = rank
        self.keepdims = keepdims

    def forward(self, x):
        dims = tuple(range(1, 1 + self.rank))
        if self.mode == "max":
            return torch.amax(x, dim=dims, keepdim=self.keepdims)
        return torch.mean(x, dim=dims, keepdim=self.keepdims)
`;

const TYPE = /^(Global)?(Max|Average)Pooling([12])D$/;

export const poolingFamily: LayerFamily = {
  types: ['Max', 'Average'].flatMap((m) => ['1D', '2D'].flatMap((r) => [`${m}Pooling${r}`, `Global${m}Pooling${r}`])),
  python: [SPATIAL_PY, PYTHON],
  call({ node }) {
    const [, global, mode, rank] = TYPE.exec(node.type) ?? [];
    const p = node.params;
    const modeText = pyString(mode === 'Max' ? 'max' : 'average');
    if (global) {
      return {
        cls: 'GlobalPool',
        kwargs: [
          ['mode', modeText],
          ['rank', rank ?? '2'],
          ['keepdims', bool(p, 'keepdims') ? 'True' : 'False'],
        ],
      };
    }
    const pool = ints(p, 'pool_size');
    const strides = ints(p, 'strides');
    return {
      cls: 'Pool',
      kwargs: [
        ['mode', modeText],
        ['pool_size', pyValue([...pool])],
        // No strides (Keras None) steps by the pool size.
        ['strides', pyValue([...(strides.length === 0 ? pool : strides)])],
        ['padding', pyString(str(p, 'padding', 'valid'))],
      ],
    };
  },
};
