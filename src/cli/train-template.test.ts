import { describe, expect, it } from 'vitest';
import { GAN_TEMPLATES } from '../model/gan-template';
import { templates } from '../model/templates';
import { main } from './main';

const run = async (args: string[]) => {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, lines };
};

describe('layerloom templates', () => {
  it('lists every template with the data it fits', async () => {
    const { code, lines } = await run(['templates']);
    expect(code).toBe(0);
    expect(lines).toHaveLength(templates.length + GAN_TEMPLATES.length);
    expect(lines.at(-1)).toMatch(/^dcgan\s+image\s+DCGAN/);
    expect(lines.find((l) => l.startsWith('mnist-cnn '))).toMatch(/^mnist-cnn\s+image\s+MNIST CNN/);
    const json = JSON.parse((await run(['templates', '--json'])).lines[0]!) as { name: string; data: string[] }[];
    expect(json.map((t) => t.name)).toEqual([...templates.map((t) => t.id), 'dcgan']);
    expect(json.find((t) => t.name === 'lstm-text')!.data).toEqual(['text']);
  });
});

describe('layerloom train --template', () => {
  it('builds the template sized to a CSV it has never seen and trains it', async () => {
    const { code, lines } = await run([
      'train',
      '--template',
      'mlp-binary',
      '--data',
      'public/datasets/iris.csv',
      '--label',
      'species',
      '--epochs',
      '3',
      '--backend',
      'cpu',
      '--json',
    ]);
    expect(code).toBe(0);
    const summary = JSON.parse(lines.at(-1)!) as { task: string; test: { accuracy: number; n: number } };
    // iris has 3 classes: the binary template's sigmoid head became a 3-unit softmax.
    expect(summary.task).toBe('multiclass');
    expect(summary.test.accuracy).toBeGreaterThan(0.5);
  }, 60_000);

  it('reads a table as a sequence for the GRU template', async () => {
    const { code, lines } = await run([
      'train',
      '--template',
      'gru-regressor',
      '--data',
      'public/datasets/seattle-weather-windows.csv',
      '--label',
      'temp_max',
      '--epochs',
      '1',
      '--backend',
      'cpu',
      '--json',
    ]);
    expect(code).toBe(0);
    expect((JSON.parse(lines.at(-1)!) as { test: { mae: number } }).test.mae).toBeGreaterThan(0);
  }, 180_000);

  it('says which templates fit when the data is of another kind', async () => {
    await expect(
      run([
        'train',
        '--template',
        'mnist-cnn',
        '--data',
        'public/datasets/iris.csv',
        '--label',
        'species',
        '--backend',
        'cpu',
      ]),
    ).rejects.toThrow(
      /--template mnist-cnn: The template 'mnist-cnn' is for images, but this data is a table \(CSV\); templates for it: mlp-binary, gru-regressor/,
    );
  });
});

describe('layerloom train --data <built-in>', () => {
  it('reads a built-in by its id, with its own label column', async () => {
    const { code, lines } = await run([
      'train',
      '--template',
      'mlp-binary',
      '--data',
      'iris',
      '--epochs',
      '2',
      '--backend',
      'cpu',
      '--json',
    ]);
    expect(code).toBe(0);
    const summary = JSON.parse(lines.at(-1)!) as { dataset: string; task: string };
    expect(summary).toMatchObject({ dataset: 'Iris flowers', task: 'multiclass' });
  }, 60_000);

  it('names the built-ins when --data is neither a file nor one of them', async () => {
    await expect(run(['train', '--template', 'mlp-binary', '--data', 'irises', '--backend', 'cpu'])).rejects.toThrow(
      /Cannot read irises: no such file, and no built-in dataset has that name \(iris, .*austen-novels/,
    );
  });
});

describe('layerloom train --template dcgan', () => {
  it('trains the GAN on a built-in and ends with its scores and bounds', async () => {
    const { code, lines } = await run(['train', '--template', 'dcgan', '--data', 'digits', '--epochs', '1', '--json']);
    expect(code).toBe(0);
    const last = JSON.parse(lines.at(-1)!) as {
      score: { inception: number; frechet: number };
      bounds: { real: { frechet: number }; noise: { frechet: number } };
    };
    expect(last.score.frechet).toBeGreaterThan(0);
    expect(last.bounds.noise.frechet).toBeGreaterThan(last.bounds.real.frechet);
  }, 240_000);
});
