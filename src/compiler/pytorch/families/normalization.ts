import { bool, ints, num } from '../../../model/params';
import { pyNumber, pyValue } from '../../python/py-literal';
import type { LayerFamily } from '../family';

/**
 * BatchNormalization and LayerNormalization on any axis, written out rather than through
 * F.batch_norm (which wants channels on axis 1). Training mode normalises with the batch's
 * mean and (biased) variance and moves the statistics as Keras does:
 * moving = moving · momentum + batch · (1 − momentum). A frozen BatchNormalization uses its
 * moving statistics in training too, as in Keras.
 */

const PYTHON = String.raw`
class BatchNormalization(Layer):
    def __init__(self, name, key, weights, trainable, axis=-1, momentum=0.99, epsilon=0.001, center=True,
                 scale=True):
        super().__init__(name, key, weights, trainable)
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.frozen = not trainable

    def forward(self, x):
        axis = self.axis % x.dim()
        shape = [1] * x.dim()
        shape[axis] = -1
        if self.training and not self.frozen:
            dims = [d for d in range(x.dim()) if d != axis]
            mean = x.mean(dim=dims)
            variance = (x - mean.view(shape)).pow(2).mean(dim=dims)
            with torch.no_grad():
                self.moving_mean.mul_(self.momentum).add_(mean.detach() * (1.0 - self.momentum))
                self.moving_variance.mul_(self.momentum).add_(variance.detach() * (1.0 - self.momentum))
        else:
            mean, variance = self.moving_mean, self.moving_variance
        y = (x - mean.view(shape)) * torch.rsqrt(variance.view(shape) + self.epsilon)
        if self.scale:
            y = y * self.gamma.view(shape)
        if self.center:
            y = y + self.beta.view(shape)
        return y


class LayerNormalization(Layer):
    def __init__(self, name, key, weights, trainable, axis=(-1,), epsilon=0.001, center=True, scale=True):
        super().__init__(name, key, weights, trainable)
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale

    def forward(self, x):
        axes = [a % x.dim() for a in self.axis]
        mean = x.mean(dim=axes, keepdim=True)
        variance = (x - mean).pow(2).mean(dim=axes, keepdim=True)
        y = (x - mean) * torch.rsqrt(variance + self.epsilon)
        # gamma/beta hold the sizes of the axes in the order given; tfjs reshapes them to broadcast.
        shape = [x.shape[d] if d in axes else 1 for d in range(x.dim())]
        if self.scale:
            y = y * self.gamma.reshape(shape)
        if self.center:
            y = y + self.beta.reshape(shape)
        return y
`;

export const normalizationFamily: LayerFamily = {
  types: ['BatchNormalization', 'LayerNormalization'],
  python: [PYTHON],
  call({ node }) {
    const p = node.params;
    const affine: [string, string][] = [
      ['epsilon', pyNumber(num(p, 'epsilon', 0.001), true)],
      ['center', bool(p, 'center', true) ? 'True' : 'False'],
      ['scale', bool(p, 'scale', true) ? 'True' : 'False'],
    ];
    if (node.type === 'LayerNormalization') {
      return { cls: 'LayerNormalization', kwargs: [['axis', pyValue([...ints(p, 'axis', [-1])])], ...affine] };
    }
    return {
      cls: 'BatchNormalization',
      kwargs: [
        ['axis', pyNumber(num(p, 'axis', -1))],
        ['momentum', pyNumber(num(p, 'momentum', 0.99), true)],
        ...affine,
      ],
    };
  },
};
