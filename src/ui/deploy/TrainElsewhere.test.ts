import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TrainElsewhere } from './TrainElsewhere';

describe('Deploy page: Train on a bigger machine', () => {
  const html = renderToStaticMarkup(createElement(TrainElsewhere));

  it('shows the exact commands for one process, --nproc, torchrun and several machines', () => {
    for (const command of [
      'python3 train.py --data your.csv',
      'python3 train.py --data your.csv --nproc 2',
      'torchrun --nproc_per_node=4 train.py --data your.csv',
      'torchrun --nnodes=2 --node_rank=0 --nproc_per_node=4',
    ]) {
      expect(html).toContain(command);
    }
  });

  it('points at pytorch/train.py in the export ZIP, and says when it is left out', () => {
    expect(html).toContain('The ZIP&#x27;s <code>pytorch/train.py</code>');
    expect(html).toContain('for others the export leaves it out and says why');
  });

  it('names the Debian torchrun failure and what to use instead', () => {
    expect(html).toContain('fails under Python 3.11');
    expect(html).toContain('Use <code>--nproc N</code> there');
  });
});
