import { bool, num, str } from '../../../model/params';
import { pyNumber, pyString } from '../../python/py-literal';
import type { LayerFamily, PlannedLayer } from '../family';

/**
 * Embedding and the recurrent layers, with the cells written out step by step in Keras's gate
 * order (LSTM i, f, c, o; GRU z, r, h) so the result matches tfjs to float rounding; torch's
 * nn.LSTM/nn.GRU order their gates differently (i, f, g, o; r, z, n) and GRU's reset_after=False
 * has no torch module at all. In training, dropout masks are drawn once per sequence (one mask
 * shared by the gates, where Keras draws one per gate).
 */

const PYTHON = String.raw`
class Embedding(Layer):
    def forward(self, x):
        return F.embedding(x.long(), self.embeddings)


def dropout_mask(like, rate, training):
    if not training or rate == 0:
        return None
    return F.dropout(like.new_ones(like.shape), rate, True)


class Recurrent(Layer):
    """SimpleRNN, LSTM, GRU, or Bidirectional around one of them (merge_mode set)."""

    def __init__(self, name, key, weights, trainable, kind, units, activation="tanh",
                 recurrent_activation="sigmoid", use_bias=True, return_sequences=False, go_backwards=False,
                 dropout=0.0, recurrent_dropout=0.0, reset_after=False, unit_forget_bias=False, merge_mode=None):
        super().__init__(name, key, weights, trainable)
        self.kind = kind
        self.units = units
        self.activation = activation
        self.recurrent_activation = recurrent_activation
        self.use_bias = use_bias
        self.return_sequences = return_sequences
        self.go_backwards = go_backwards
        self.dropout = dropout
        self.recurrent_dropout = recurrent_dropout
        self.reset_after = reset_after
        self.unit_forget_bias = unit_forget_bias
        self.merge_mode = merge_mode
        # "" for a plain layer; "forward_lstm/" and "backward_lstm/" for Bidirectional.
        self.prefixes = [w[0][: -len("kernel")] for w in self.weight_specs
                         if w[0].endswith("kernel") and not w[0].endswith("recurrent_kernel")]

    def reset_parameters(self):
        super().reset_parameters()
        if self.kind == "LSTM" and self.use_bias and self.unit_forget_bias:
            with torch.no_grad():
                for prefix in self.prefixes:
                    self.w(prefix + "bias")[self.units:2 * self.units] = 1.0

    def run(self, x, prefix, go_backwards):
        act = ACTIVATIONS[self.activation]
        ract = ACTIVATIONS[self.recurrent_activation]
        kernel = self.w(prefix + "kernel")
        recurrent_kernel = self.w(prefix + "recurrent_kernel")
        bias = self.w(prefix + "bias") if self.use_bias else None
        units = self.units
        if go_backwards:
            x = x.flip(1)
        mask = dropout_mask(x[:, 0], self.dropout, self.training)
        if mask is not None:
            x = x * mask.unsqueeze(1)
        projected = torch.matmul(x, kernel)
        if bias is not None:
            projected = projected + (bias[0] if self.reset_after else bias)
        h = x.new_zeros(x.shape[0], units)
        c = h
        recurrent_mask = dropout_mask(h, self.recurrent_dropout, self.training)
        steps = []
        for t in range(x.shape[1]):
            z = projected[:, t]
            hr = h if recurrent_mask is None else h * recurrent_mask
            if self.kind == "LSTM":
                i, f, g, o = torch.split(z + torch.matmul(hr, recurrent_kernel), units, dim=-1)
                c = ract(f) * c + ract(i) * act(g)
                h = ract(o) * act(c)
            elif self.kind == "GRU":
                xz, xr, xh = torch.split(z, units, dim=-1)
                if self.reset_after:
                    inner = torch.matmul(hr, recurrent_kernel)
                    if bias is not None:
                        inner = inner + bias[1]
                    rz, rr, rh = torch.split(inner, units, dim=-1)
                    update = ract(xz + rz)
                    candidate = act(xh + ract(xr + rr) * rh)
                else:
                    uz, ur, uh = torch.split(recurrent_kernel, units, dim=-1)
                    update = ract(xz + torch.matmul(hr, uz))
                    reset = ract(xr + torch.matmul(hr, ur))
                    candidate = act(xh + torch.matmul(reset * hr, uh))
                h = update * h + (1.0 - update) * candidate
            else:
                h = act(z + torch.matmul(hr, recurrent_kernel))
            if self.return_sequences:
                steps.append(h)
        if not self.return_sequences:
            return h
        return torch.stack(steps, 1) if steps else x.new_zeros(x.shape[0], 0, units)

    def forward(self, x):
        if self.merge_mode is None:
            return self.run(x, "", self.go_backwards)
        ahead = self.run(x, self.prefixes[0], self.go_backwards)
        back = self.run(x, self.prefixes[1], not self.go_backwards)
        if self.return_sequences:
            back = back.flip(1)  # back in input order, as tfjs's Bidirectional does
        if self.merge_mode == "concat":
            return torch.cat([ahead, back], dim=-1)
        if self.merge_mode == "sum":
            return ahead + back
        if self.merge_mode == "mul":
            return ahead * back
        return 0.5 * (ahead + back)
`;

const RNN_TYPES = ['SimpleRNN', 'LSTM', 'GRU'];

function innerKind(layer: PlannedLayer): string {
  const { node } = layer;
  return node.type === 'Bidirectional' ? str(node.params, 'layer', 'LSTM') : node.type;
}

const flag = (v: boolean) => (v ? 'True' : 'False');

export const recurrentFamily: LayerFamily = {
  types: ['Embedding', ...RNN_TYPES, 'Bidirectional'],
  python: [PYTHON],
  refuse(layer) {
    const p = layer.node.params;
    if (layer.node.type === 'Embedding') {
      return bool(p, 'mask_zero')
        ? 'has mask_zero on; the PyTorch export does not carry the padding mask to the layers after it, so turn it off'
        : null;
    }
    if (!RNN_TYPES.includes(innerKind(layer))) return `wraps ${innerKind(layer)}, which is not a recurrent layer`;
    if (bool(p, 'stateful')) {
      return 'is stateful; the PyTorch model starts every call from a zero state, so untick Stateful';
    }
    return null;
  },
  call(layer) {
    const p = layer.node.params;
    if (layer.node.type === 'Embedding') return { cls: 'Embedding', kwargs: [] };
    const kind = innerKind(layer);
    const kwargs: [string, string][] = [
      ['kind', pyString(kind)],
      ['units', pyNumber(num(p, 'units', 32))],
      ['activation', pyString(str(p, 'activation', 'tanh'))],
      ['recurrent_activation', pyString(str(p, 'recurrent_activation', 'sigmoid'))],
      ['use_bias', flag(bool(p, 'use_bias', true))],
      ['return_sequences', flag(bool(p, 'return_sequences'))],
      ['go_backwards', flag(bool(p, 'go_backwards'))],
      ['dropout', pyNumber(num(p, 'dropout', 0), true)],
      ['recurrent_dropout', pyNumber(num(p, 'recurrent_dropout', 0), true)],
      ['reset_after', flag(kind === 'GRU' && bool(p, 'reset_after'))],
      ['unit_forget_bias', flag(kind === 'LSTM' && bool(p, 'unit_forget_bias', true))],
    ];
    if (layer.node.type === 'Bidirectional') kwargs.push(['merge_mode', pyString(str(p, 'merge_mode', 'concat'))]);
    return { cls: 'Recurrent', kwargs };
  },
};
