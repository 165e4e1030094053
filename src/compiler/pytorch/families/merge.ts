import { bool, ints, num } from '../../../model/params';
import { pyNumber, pyString, pyValue } from '../../python/py-literal';
import type { LayerFamily } from '../family';

/**
 * Merges. Element-wise merges of inputs of different ranks first add axes at position 1 to the
 * smaller ones, as tfjs does (torch would align them on the batch instead). Dot follows tfjs's
 * batchDot: contract one axis of each, keep the rest in order, a lone batch axis gets a 1.
 */

const PYTHON = String.raw`
def l2_normalize(x, axis):
    # tfjs: x / sqrt(max(sum(x²), epsilon)), epsilon 1e-7.
    return x / torch.sqrt(torch.clamp(x.pow(2).sum(dim=axis, keepdim=True), min=1e-7))


def batch_dot(x, y, axes, normalize):
    ax = axes[0] % x.dim()
    ay = axes[1] % y.dim()
    if normalize:
        x = l2_normalize(x, ax)
        y = l2_normalize(y, ay)
    x = x.movedim(ax, -1)
    y = y.movedim(ay, 1)
    rest = tuple(x.shape[1:-1]) + tuple(y.shape[2:])
    out = torch.bmm(x.reshape(x.shape[0], -1, x.shape[-1]), y.reshape(y.shape[0], y.shape[1], -1))
    out = out.reshape((out.shape[0],) + rest)
    return out.unsqueeze(1) if out.dim() == 1 else out


class Merge(Layer):
    def __init__(self, name, key, weights, trainable, mode, axis=-1, axes=(-1, -1), normalize=False):
        super().__init__(name, key, weights, trainable)
        self.mode = mode
        self.axis = axis
        self.axes = axes
        self.normalize = normalize

    def forward(self, xs):
        if self.mode == "concatenate":
            return torch.cat(xs, dim=self.axis)
        if self.mode == "dot":
            return batch_dot(xs[0], xs[1], self.axes, self.normalize)
        rank = max(x.dim() for x in xs)
        expanded = []
        for x in xs:
            while x.dim() < rank:
                x = x.unsqueeze(1)
            expanded.append(x)
        if self.mode == "subtract":
            return expanded[0] - expanded[1]
        out = expanded[0]
        for x in expanded[1:]:
            if self.mode in ("add", "average"):
                out = out + x
            elif self.mode == "multiply":
                out = out * x
            elif self.mode == "maximum":
                out = torch.maximum(out, x)
            else:
                out = torch.minimum(out, x)
        return out / len(expanded) if self.mode == "average" else out
`;

export const mergeFamily: LayerFamily = {
  types: ['Concatenate', 'Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Dot'],
  python: [PYTHON],
  call({ node }) {
    const p = node.params;
    const mode = pyString(node.type.toLowerCase());
    if (node.type === 'Concatenate')
      return {
        cls: 'Merge',
        kwargs: [
          ['mode', mode],
          ['axis', pyNumber(num(p, 'axis', -1))],
        ],
      };
    if (node.type === 'Dot') {
      return {
        cls: 'Merge',
        kwargs: [
          ['mode', mode],
          ['axes', pyValue([...ints(p, 'axes', [-1, -1])])],
          ['normalize', bool(p, 'normalize') ? 'True' : 'False'],
        ],
      };
    }
    return { cls: 'Merge', kwargs: [['mode', mode]] };
  },
};
