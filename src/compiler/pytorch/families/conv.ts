import { bool, ints, str } from '../../../model/params';
import { pyString, pyValue } from '../../python/py-literal';
import type { LayerFamily, PlannedLayer } from '../family';

/**
 * Convolutions. Inputs and outputs stay NWC/NHWC; inside, the tensor is permuted to torch's
 * channels-first layout. TF's 'same' pads (total − total // 2) after and total // 2 before, which
 * torch's symmetric `padding=` cannot express, so the padding is applied with F.pad first.
 */

export const SPATIAL_PY = String.raw`
def to_channels_first(x):
    return x.permute(0, x.dim() - 1, *range(1, x.dim() - 1))


def to_channels_last(x):
    return x.permute(0, *range(2, x.dim()), 1)


def same_pads(size, kernel, stride, dilation=1):
    """TF's 'same' padding of one axis: (before, after); the odd pixel goes after."""
    effective = (kernel - 1) * dilation + 1
    out = -(-size // stride)
    total = max((out - 1) * stride + effective - size, 0)
    return total // 2, total - total // 2


def window_pads(x, padding, kernel, strides, dilation):
    """Padding of each spatial axis of a channels-first x, as TF pads for this window."""
    spatial = x.shape[2:]
    if padding == "same":
        return [same_pads(n, k, s, d) for n, k, s, d in zip(spatial, kernel, strides, dilation)]
    if padding == "causal":
        return [((k - 1) * d, 0) for k, d in zip(kernel, dilation)]
    return [(0, 0) for _ in kernel]


def pad_spatial(x, pads, value=0.0):
    flat = []
    for before, after in reversed(pads):  # F.pad lists the last axis first
        flat += [before, after]
    return F.pad(x, flat, value=value) if any(flat) else x
`;

const PYTHON = String.raw`
CONV = {1: F.conv1d, 2: F.conv2d}


def torch_kernel(kernel):
    """Keras kernel [*window, in, out] → torch's [out, in, *window]."""
    rank = kernel.dim() - 2
    return kernel.permute(rank + 1, rank, *range(rank))


class Conv(Layer):
    """Conv1D/Conv2D ("conv"), DepthwiseConv2D ("depthwise") and SeparableConv2D ("separable")."""

    def __init__(self, name, key, weights, trainable, kind, kernel_size, strides, padding, dilation_rate,
                 activation="linear", use_bias=True):
        super().__init__(name, key, weights, trainable)
        self.kind = kind
        self.rank = len(kernel_size)
        self.kernel_size = kernel_size
        self.strides = strides
        self.padding = padding
        self.dilation_rate = dilation_rate
        self.activation = activation
        self.use_bias = use_bias

    def forward(self, x):
        x = to_channels_first(x)
        x = pad_spatial(x, window_pads(x, self.padding, self.kernel_size, self.strides, self.dilation_rate))
        conv = CONV[self.rank]
        bias = self.bias if self.use_bias else None
        if self.kind == "conv":
            y = conv(x, torch_kernel(self.kernel), bias, self.strides, 0, self.dilation_rate)
        else:
            # [*window, in, multiplier] → [in * multiplier, 1, *window]: output channel c * multiplier + m, as in TF.
            depthwise = self.depthwise_kernel
            channels = depthwise.shape[-2]
            weight = depthwise.reshape(*depthwise.shape[:-2], -1)
            weight = weight.permute(self.rank, *range(self.rank)).unsqueeze(1)
            own_bias = bias if self.kind == "depthwise" else None
            y = conv(x, weight, own_bias, self.strides, 0, self.dilation_rate, channels)
            if self.kind == "separable":
                y = conv(y, torch_kernel(self.pointwise_kernel), bias)
        return ACTIVATIONS[self.activation](to_channels_last(y))


class Conv2DTranspose(Layer):
    """TF's transposed convolution: torch's full result, cropped by TF's 'same' padding and
    zero-filled up to TF's size (a window smaller than its stride leaves gaps at the end)."""

    def __init__(self, name, key, weights, trainable, kernel_size, strides, padding, activation="linear",
                 use_bias=True):
        super().__init__(name, key, weights, trainable)
        self.kernel_size = kernel_size
        self.strides = strides
        self.padding = padding
        self.activation = activation
        self.use_bias = use_bias

    def forward(self, x):
        x = to_channels_first(x)
        # Keras [kh, kw, out, in] → torch's [in, out, kh, kw].
        y = F.conv_transpose2d(x, self.kernel.permute(3, 2, 0, 1), None, self.strides)
        for i, (k, s) in enumerate(zip(self.kernel_size, self.strides)):
            axis = i + 2
            size = x.shape[axis] * s
            before = 0
            if self.padding == "same":
                before = max(k - s, 0) // 2
            else:
                size += max(k - s, 0)
            y = y.narrow(axis, before, min(size, y.shape[axis] - before))
            if y.shape[axis] < size:
                pads = [0, 0] * (y.dim() - 1 - axis) + [0, size - y.shape[axis]]
                y = F.pad(y, pads)
        if self.use_bias:
            y = y + self.bias.view(1, -1, 1, 1)
        return ACTIVATIONS[self.activation](to_channels_last(y))
`;

const KIND: Readonly<Record<string, string>> = {
  Conv1D: 'conv',
  Conv2D: 'conv',
  DepthwiseConv2D: 'depthwise',
  SeparableConv2D: 'separable',
};

const tuple = (values: readonly number[]) => pyValue([...values]);

function convCall({ node }: PlannedLayer) {
  const p = node.params;
  const kernel = ints(p, 'kernel_size');
  const ones = kernel.map(() => 1);
  const common: [string, string][] = [
    ['kernel_size', tuple(kernel)],
    ['strides', tuple(ints(p, 'strides', ones))],
    ['padding', pyString(str(p, 'padding', 'valid'))],
  ];
  const tail: [string, string][] = [
    ['activation', pyString(str(p, 'activation', 'linear'))],
    ['use_bias', bool(p, 'use_bias', true) ? 'True' : 'False'],
  ];
  if (node.type === 'Conv2DTranspose') return { cls: 'Conv2DTranspose', kwargs: [...common, ...tail] };
  // DepthwiseConv2D and Conv2DTranspose have no dilation param: tfjs runs them undilated.
  const dilation: [string, string] = ['dilation_rate', tuple(ints(p, 'dilation_rate', ones))];
  return {
    cls: 'Conv',
    kwargs: [['kind', pyString(KIND[node.type] ?? 'conv')] as [string, string], ...common, dilation, ...tail],
  };
}

export const convFamily: LayerFamily = {
  types: ['Conv1D', 'Conv2D', 'Conv2DTranspose', 'DepthwiseConv2D', 'SeparableConv2D'],
  python: [SPATIAL_PY, PYTHON],
  call: convCall,
};
