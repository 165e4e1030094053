import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildGraph } from '../../model/build';
import { compile } from '../compile';
import { findTestPython, type CommandRunner } from '../python/python-env';
import { extractWeights } from '../weights';
import { buildPytorchFiles } from './index';

/**
 * GRU with reset_after (Keras 2.3+'s default) cannot be built by tfjs 4.22, so no graph reaches
 * model.py with it and no tfjs parity is possible. Its cell in model.py is checked here against
 * torch.nn.GRU, which computes the same function with gates ordered r, z, n instead of z, r, h.
 */

let run: CommandRunner;
let python: string;
let root: string;

beforeAll(async () => {
  ({ run, python } = await findTestPython((m) => console.log(m), ['torch', 'numpy']));
  root = mkdtempSync(join(tmpdir(), 'layerloom-gru-'));
}, 900_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const CHECK = String.raw`
import sys
import torch
sys.path.insert(0, sys.argv[1])
import model as m

torch.manual_seed(0)
units, features = 4, 3
for go_backwards in (False, True):
    weights = (("kernel", (features, 3 * units), "param", "GlorotUniform"),
               ("recurrent_kernel", (units, 3 * units), "param", "Orthogonal"),
               ("bias", (2, 3 * units), "param", "RandomNormal"))
    ours = m.Recurrent("gru", "gru", weights, True, "GRU", units, reset_after=True, return_sequences=True,
                       go_backwards=go_backwards)
    ours.reset_parameters()
    ours.eval()
    ref = torch.nn.GRU(features, units, batch_first=True)
    # Keras blocks z, r, h → torch's r, z, n; Keras [in, out] → torch [out, in].
    order = lambda w: torch.cat([w[..., units:2 * units], w[..., :units], w[..., 2 * units:]], dim=-1)
    with torch.no_grad():
        ref.weight_ih_l0.copy_(order(ours.kernel).t())
        ref.weight_hh_l0.copy_(order(ours.recurrent_kernel).t())
        ref.bias_ih_l0.copy_(order(ours.bias[0]))
        ref.bias_hh_l0.copy_(order(ours.bias[1]))
        x = torch.randn(2, 5, features)
        want, _ = ref(x.flip(1) if go_backwards else x)
        diff = (ours(x) - want).abs().max().item()
    print(diff)
`;

it('model.py’s reset_after GRU cell computes what torch.nn.GRU computes', () => {
  const graph = buildGraph([
    { type: 'Input', params: { shape: [5, 3] } },
    { type: 'GRU', params: { units: 4 } },
  ]);
  const files = buildPytorchFiles(graph, extractWeights(compile(graph), graph), { modelName: 'gru' });
  writeFileSync(join(root, 'model.py'), files['model.py'] as string);
  writeFileSync(join(root, 'check.py'), CHECK);
  const r = run(python, [join(root, 'check.py'), root]);
  if (r.status !== 0) throw new Error(r.stderr);
  const diffs = r.stdout.trim().split('\n').map(Number);
  expect(diffs).toHaveLength(2);
  for (const d of diffs) expect(d).toBeLessThan(1e-6);
});
