# PyTorch side of `npm run bench -- vs-pytorch`: models A and B of ../shared/perf-baseline.md,
# batch 64, Adam (lr 0.001), softmax cross-entropy, median of 3 timed epochs of 2,048 samples
# after a warm-up epoch; and T, the app's text-transformer template written with torch.nn (batch
# 32, 512 windows of 64 tokens per epoch, same epochs). Run by /usr/bin/python3 (Debian's
# python3-torch); prints one JSON line. Usage: vs-pytorch.py THREADS [A,B,T]
import json
import statistics
import sys
import time

import torch
from torch import nn

ROWS = 2048
BATCH = 64
TIMED_EPOCHS = 3
# T: the text-transformer template's sizes (src/model/templates.ts, ready-blocks.ts).
T_ROWS, T_BATCH, VOCAB, SEQ_LEN, DIM, HEADS, KEY_DIM, FF, DROPOUT, CLASSES = 512, 32, 2000, 64, 32, 2, 16, 64, 0.1, 2


class EncoderBlock(nn.Module):
    """Post-norm, as ready-blocks.ts: x + Dropout(MHA(x)) → LayerNorm → Dense(ff, relu) → Dense(dim) → Dropout → + → LayerNorm."""

    def __init__(self):
        super().__init__()
        # Keras MultiHeadAttention(num_heads=2, key_dim=16) on width 32: q, k, v and output
        # projections of 32 × (2·16) with biases, no dropout on the probabilities: nn's twin.
        self.attention = nn.MultiheadAttention(DIM, HEADS, batch_first=True)
        assert DIM // HEADS == KEY_DIM
        self.drop1 = nn.Dropout(DROPOUT)
        self.norm1 = nn.LayerNorm(DIM, eps=1e-3)  # Keras's LayerNormalization epsilon
        self.ff = nn.Sequential(nn.Linear(DIM, FF), nn.ReLU(), nn.Linear(FF, DIM))
        self.drop2 = nn.Dropout(DROPOUT)
        self.norm2 = nn.LayerNorm(DIM, eps=1e-3)

    def forward(self, x):
        attended, _ = self.attention(x, x, x, need_weights=False)
        x = self.norm1(x + self.drop1(attended))
        return self.norm2(x + self.drop2(self.ff(x)))


class TextTransformer(nn.Module):
    """TokenAndPositionEmbedding → encoder block ×2 → GlobalAveragePooling1D → Dropout → Dense(2)."""

    def __init__(self):
        super().__init__()
        self.tokens = nn.Embedding(VOCAB, DIM)
        self.positions = nn.Embedding(SEQ_LEN, DIM)
        self.blocks = nn.Sequential(EncoderBlock(), EncoderBlock())
        self.drop = nn.Dropout(DROPOUT)
        self.out = nn.Linear(DIM, CLASSES)

    def forward(self, ids):
        x = self.tokens(ids) + self.positions(torch.arange(ids.shape[1]))
        return self.out(self.drop(self.blocks(x).mean(dim=1)))


def model(name):
    if name == 'T':
        return TextTransformer()
    if name == 'A':
        return nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    # Keras 'valid' padding: 28 → 26 → 13 → 11 → 5; 5·5·64 = 1600 features.
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10),
    )


def data(name, gen):
    if name == 'T':
        x = torch.randint(1, VOCAB, (T_ROWS, SEQ_LEN), generator=gen)
        return x, torch.randint(0, CLASSES, (T_ROWS,), generator=gen)
    shape = (ROWS, 64) if name == 'A' else (ROWS, 1, 28, 28)
    x = torch.rand(shape, generator=gen) * 2 - 1
    y = torch.randint(0, 10, (ROWS,), generator=gen)
    return x, y


def measure(name):
    gen = torch.Generator().manual_seed(1)
    torch.manual_seed(1)
    net = model(name)
    # The last Linear gives logits; CrossEntropyLoss is softmax + categorical cross-entropy in one.
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(net.parameters(), lr=0.001)
    x, y = data(name, gen)
    rows, batch = (T_ROWS, T_BATCH) if name == 'T' else (ROWS, BATCH)
    net.train()
    rates = []
    for epoch in range(1 + TIMED_EPOCHS):
        started = time.perf_counter()
        order = torch.randperm(rows, generator=gen)
        for i in range(0, rows, batch):
            idx = order[i:i + batch]
            opt.zero_grad()
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
            loss.item()  # the app reads each batch's loss back too
        if epoch > 0:
            rates.append(rows / (time.perf_counter() - started))
    return statistics.median(rates)


GEMM_SIZE = 512  # vs-pytorch-ours.ts GEMM_SIZE


def gemm_gflops():
    """Median GFLOP/s of one GEMM_SIZE³ float32 matrix product after a warm-up: the ceiling."""
    gen = torch.Generator().manual_seed(3)
    a = torch.rand((GEMM_SIZE, GEMM_SIZE), generator=gen)
    b = torch.rand((GEMM_SIZE, GEMM_SIZE), generator=gen)
    rates = []
    for i in range(11):
        started = time.perf_counter()
        torch.mm(a, b)
        if i > 0:
            rates.append(2 * GEMM_SIZE ** 3 / (time.perf_counter() - started) / 1e9)
    return statistics.median(rates)


def main():
    threads = int(sys.argv[1])
    names = sys.argv[2].split(',') if len(sys.argv) > 2 else ['A', 'B']
    torch.set_num_threads(threads)
    out = {'torch': torch.__version__, 'threads': torch.get_num_threads(), 'samplesPerSec': {}, 'tokensPerSec': {}}
    for name in names:
        out['samplesPerSec'][name] = measure(name)
        if name == 'T':
            out['tokensPerSec'][name] = out['samplesPerSec'][name] * SEQ_LEN
    out['gemmGflops'] = gemm_gflops()
    print(json.dumps(out))


if __name__ == '__main__':
    main()
