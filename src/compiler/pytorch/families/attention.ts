import { bool, num } from '../../../model/params';
import { pyNumber } from '../../python/py-literal';
import type { LayerFamily } from '../family';

/**
 * MultiHeadAttention (Keras 3 weights: kernels [dim, heads, size], output [heads, value_dim, out])
 * as batched matmuls over all heads, and keras_hub's position embeddings. Inputs are
 * [query], [query, value] or [query, value, key]. Dropout drops attention probabilities in
 * training only, as Keras does.
 */

const PYTHON = String.raw`
def project_heads(x, kernel, bias):
    """[batch, steps, dim] x [dim, heads, size] -> [batch, heads, steps, size]."""
    y = torch.matmul(x, kernel.reshape(kernel.shape[0], -1))
    if bias is not None:
        y = y + bias.reshape(-1)
    return y.reshape(x.shape[0], x.shape[1], kernel.shape[1], kernel.shape[2]).transpose(1, 2)


class MultiHeadAttention(Layer):
    def __init__(self, name, key, weights, trainable, use_bias=True, dropout=0.0, use_causal_mask=False):
        super().__init__(name, key, weights, trainable)
        self.use_bias = use_bias
        self.dropout = dropout
        self.use_causal_mask = use_causal_mask

    def bias(self, role):
        return self.w(role + "/bias") if self.use_bias else None

    def probabilities(self, query, value=None, key=None):
        """Attention probabilities [batch, heads, query steps, key steps]."""
        value = query if value is None else value
        key = value if key is None else key
        kernel = self.w("query/kernel")
        q = project_heads(query, kernel, self.bias("query")) / math.sqrt(kernel.shape[2])
        k = project_heads(key, self.w("key/kernel"), self.bias("key"))
        scores = torch.matmul(q, k.transpose(-1, -2))
        if self.use_causal_mask:
            steps_q, steps_k = scores.shape[-2], scores.shape[-1]
            rows = torch.arange(steps_q, device=scores.device).unsqueeze(1)
            cols = torch.arange(steps_k, device=scores.device).unsqueeze(0)
            # Keras 3 adds a large negative number where the key comes after the query.
            scores = scores + (cols > rows).to(scores.dtype) * -1e9
        return torch.softmax(scores, -1)

    def forward(self, xs):
        query = xs[0]
        value = xs[1] if len(xs) > 1 else query
        key = xs[2] if len(xs) > 2 else value
        p = self.probabilities(query, value, key)
        if self.training and self.dropout > 0:
            p = F.dropout(p, self.dropout, True)
        v = project_heads(value, self.w("value/kernel"), self.bias("value"))
        context = torch.matmul(p, v).transpose(1, 2)
        context = context.reshape(context.shape[0], context.shape[1], -1)
        out = self.w("attention_output/kernel")
        y = torch.matmul(context, out.reshape(-1, out.shape[2]))
        if self.use_bias:
            y = y + self.w("attention_output/bias")
        return y


class PositionEmbedding(Layer):
    def forward(self, x):
        return self.embeddings[: x.shape[1]].expand(x.shape)


class TokenAndPositionEmbedding(Layer):
    def forward(self, x):
        tokens = F.embedding(x.long(), self.w("token_embedding/embeddings"))
        return tokens + self.w("position_embedding/embeddings")[: x.shape[1]]
`;

export const attentionFamily: LayerFamily = {
  types: ['MultiHeadAttention', 'PositionEmbedding', 'TokenAndPositionEmbedding'],
  python: [PYTHON],
  refuse({ node }) {
    if (node.type === 'TokenAndPositionEmbedding' && bool(node.params, 'mask_zero')) {
      return 'has mask_zero on; the PyTorch export does not carry the padding mask to the layers after it, so turn it off';
    }
    return null;
  },
  call({ node }) {
    if (node.type !== 'MultiHeadAttention') return { cls: node.type, kwargs: [] };
    const p = node.params;
    return {
      cls: 'MultiHeadAttention',
      kwargs: [
        ['use_bias', bool(p, 'use_bias', true) ? 'True' : 'False'],
        ['dropout', pyNumber(num(p, 'dropout', 0), true)],
        ['use_causal_mask', bool(p, 'use_causal_mask') ? 'True' : 'False'],
      ],
    };
  },
};
