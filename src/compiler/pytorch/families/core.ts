import { bool, num, str } from '../../../model/params';
import { pyNumber, pyString } from '../../python/py-literal';
import type { LayerFamily } from '../family';

/** Dense (and TimeDistributed(Dense), the same matmul on the last axis), activations, dropout. */

const PYTHON = String.raw`
class Dense(Layer):
    """Dense on the last axis: x @ kernel + bias, kernel [in, out] as in Keras."""

    def __init__(self, name, key, weights, trainable, activation="linear", use_bias=True):
        super().__init__(name, key, weights, trainable)
        self.activation = activation
        self.use_bias = use_bias

    def forward(self, x):
        y = torch.matmul(x, self.kernel)
        if self.use_bias:
            y = y + self.bias
        return ACTIVATIONS[self.activation](y)


class Activation(Layer):
    def __init__(self, name, key, weights, trainable, activation="linear"):
        super().__init__(name, key, weights, trainable)
        self.activation = activation

    def forward(self, x):
        return ACTIVATIONS[self.activation](x)


class ReLU(Layer):
    def __init__(self, name, key, weights, trainable, max_value=None):
        super().__init__(name, key, weights, trainable)
        self.max_value = max_value

    def forward(self, x):
        y = torch.relu(x)
        return y if self.max_value is None else torch.clamp(y, max=self.max_value)


class LeakyReLU(Layer):
    def __init__(self, name, key, weights, trainable, alpha=0.3):
        super().__init__(name, key, weights, trainable)
        self.alpha = alpha

    def forward(self, x):
        return F.leaky_relu(x, self.alpha)


class PReLU(Layer):
    def forward(self, x):
        # alpha has the input's shape without the batch (1 on shared axes), so it broadcasts.
        return torch.where(x < 0, x * self.alpha, x)


class ELU(Layer):
    def __init__(self, name, key, weights, trainable, alpha=1.0):
        super().__init__(name, key, weights, trainable)
        self.alpha = alpha

    def forward(self, x):
        return F.elu(x, self.alpha)


class Softmax(Layer):
    def __init__(self, name, key, weights, trainable, axis=-1):
        super().__init__(name, key, weights, trainable)
        self.axis = axis

    def forward(self, x):
        return torch.softmax(x, self.axis)


class Dropout(Layer):
    """Identity in eval mode. In training, Dropout drops single values; SpatialDropout1D/2D whole
    channels (one draw per sample and channel, as Keras's noise shape [batch, 1, (1,) channels])."""

    def __init__(self, name, key, weights, trainable, rate=0.5, spatial=False):
        super().__init__(name, key, weights, trainable)
        self.rate = rate
        self.spatial = spatial

    def forward(self, x):
        if not self.training or self.rate == 0:
            return x
        if not self.spatial:
            return F.dropout(x, self.rate, True)
        noise = [x.shape[0]] + [1] * (x.dim() - 2) + [x.shape[-1]]
        return x * F.dropout(x.new_ones(noise), self.rate, True)
`;

export const coreFamily: LayerFamily = {
  types: [
    'Dense',
    'TimeDistributed',
    'Activation',
    'ReLU',
    'LeakyReLU',
    'PReLU',
    'ELU',
    'Softmax',
    'Dropout',
    'SpatialDropout1D',
    'SpatialDropout2D',
  ],
  python: [PYTHON],
  call({ node }) {
    const p = node.params;
    switch (node.type) {
      case 'Dense':
      case 'TimeDistributed':
        return {
          cls: 'Dense',
          kwargs: [
            ['activation', pyString(str(p, 'activation', 'linear'))],
            ['use_bias', bool(p, 'use_bias', true) ? 'True' : 'False'],
          ],
        };
      case 'Activation':
        return { cls: 'Activation', kwargs: [['activation', pyString(str(p, 'activation', 'relu'))]] };
      case 'ReLU': {
        const max = p.max_value;
        return { cls: 'ReLU', kwargs: [['max_value', typeof max === 'number' ? pyNumber(max, true) : 'None']] };
      }
      case 'LeakyReLU':
        return { cls: 'LeakyReLU', kwargs: [['alpha', pyNumber(num(p, 'alpha', 0.3), true)]] };
      case 'PReLU':
        return { cls: 'PReLU', kwargs: [] };
      case 'ELU':
        return { cls: 'ELU', kwargs: [['alpha', pyNumber(num(p, 'alpha', 1), true)]] };
      case 'Softmax':
        return { cls: 'Softmax', kwargs: [['axis', pyNumber(num(p, 'axis', -1))]] };
      default:
        return {
          cls: 'Dropout',
          kwargs: [
            ['rate', pyNumber(num(p, 'rate', 0.5), true)],
            ['spatial', node.type === 'Dropout' ? 'False' : 'True'],
          ],
        };
    }
  },
};
