/**
 * Deploy page: "Train on a bigger machine", the commands that run the export ZIP's pytorch/train.py
 * (src/compiler/pytorch-train, put in the ZIP by src/compiler/bundle/format-parts.ts) with PyTorch
 * DistributedDataParallel on the user's own data.
 */

/** [what it does, the command], in the order a user grows into them. */
export const TRAIN_ELSEWHERE_COMMANDS = [
  ['Once, on the machine (Python 3.8 or newer)', 'pip install torch numpy'],
  ['One process', 'cd pytorch\npython3 train.py --data your.csv'],
  ['N processes on this machine (gloo on CPU, nccl with one GPU each); --epochs N overrides the run, --out DIR instead of trained/', 'python3 train.py --data your.csv --nproc 2'],
  ['With torchrun, on one machine', 'torchrun --nproc_per_node=4 train.py --data your.csv'],
  [
    'With torchrun, on several machines (run it on each, --node_rank 0, 1, …)',
    'torchrun --nnodes=2 --node_rank=0 --nproc_per_node=4 \\\n  --rdzv_backend=c10d --rdzv_endpoint=HOST:29500 train.py --data your.csv',
  ],
] as const;

export function TrainElsewhere() {
  return (
    <section className="deploy-card" aria-label="Train on a bigger machine">
      <h3>Train on a bigger machine</h3>
      <p>
        The ZIP's <code>pytorch/train.py</code> (with <code>train_lib.py</code> and <code>train_spec.json</code> beside{' '}
        <code>model.py</code>) trains this model on your own CSV file (the same columns) with PyTorch DistributedDataParallel: the
        same preprocessing, seeded split, optimizer, loss, learning rate, batch size and schedule as the exported run. It is
        written for models trained on a table; for others the export leaves it out and says why.
      </p>
      {TRAIN_ELSEWHERE_COMMANDS.map(([what, command]) => (
        <div key={command}>
          <p>{what}:</p>
          <pre>
            <code>{command}</code>
          </pre>
        </div>
      ))}
      <p>
        It writes <code>trained/model.json</code> and <code>trained/weights.bin</code> (TensorFlow.js: open them with Import, or
        tf.loadLayersModel) and <code>trained/weights.npz</code> (PyTorch), and prints the test scores as a JSON line at the end.
      </p>
      <p className="problem-warning">
        Debian's torch 1.13 <code>torchrun</code> fails under Python 3.11 (AttributeError: &apos;NoneType&apos; object has no
        attribute &apos;get&apos;, in elastic&apos;s to_map). Use <code>--nproc N</code> there: train.py starts its processes
        itself.
      </p>
    </section>
  );
}
