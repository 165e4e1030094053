import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/random';
import { main } from './main';

const run = async (args: string[]) => {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, lines, json: JSON.parse(lines.at(-1)!) as Record<string, unknown> };
};

const GOOD = ['lovely', 'great', 'superb', 'delightful', 'charming', 'warm', 'brilliant'];
const BAD = ['dreadful', 'awful', 'dull', 'tedious', 'cold', 'clumsy', 'boring'];
const FILLER = ['the', 'film', 'was', 'quite', 'and', 'its', 'story', 'felt', 'very', 'a', 'cast', 'plot'];

/** Reviews whose mood is set by a few words among filler: a CSV this repository does not ship. */
function reviews(n: number, seed: number): string {
  const rand = mulberry32(seed);
  const pick = (list: readonly string[]) => list[Math.floor(rand() * list.length)]!;
  const rows = ['review;mood;stars'];
  for (let i = 0; i < n; i++) {
    const good = rand() < 0.5;
    const words = Array.from({ length: 6 + Math.floor(rand() * 8) }, () => pick(FILLER));
    for (let k = 0; k < 2; k++) words.splice(Math.floor(rand() * words.length), 0, pick(good ? GOOD : BAD));
    rows.push(`"${words.join(' ')}";${good ? 'liked' : 'disliked'};${good ? 4 : 2}`);
  }
  return `${rows.join('\n')}\n`;
}

describe('layerloom train on text', () => {
  it('trains the Transformer classifier on a CSV with a text column it has never seen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layerloom-text-'));
    const csv = join(dir, 'reviews.csv');
    await writeFile(csv, reviews(400, 3));
    const { code, json } = await run([
      'train',
      '--template',
      'text-transformer',
      '--data',
      csv,
      '--label',
      'mood',
      '--tokenizer',
      'word',
      '--epochs',
      '4',
      '--batch',
      '16',
      '--backend',
      'cpu',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(json.task).toBe('binary');
    expect((json.test as { accuracy: number }).accuracy).toBeGreaterThan(0.85);
  }, 240_000);

  it('trains the character GPT on a .txt and reports bits per character, the baselines and a sample', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layerloom-lm-'));
    const txt = join(dir, 'rhyme.txt');
    await writeFile(txt, 'the cat sat on the mat. the dog sat on the log. '.repeat(80));
    const { code, json, lines } = await run([
      'train',
      '--template',
      'char-gpt',
      '--data',
      txt,
      '--seq-len',
      '16',
      '--epochs',
      '2',
      '--backend',
      'cpu',
      '--json',
    ]);
    expect(code).toBe(0);
    const test = json.test as { loss: number; perplexity: number; bitsPerChar: number };
    expect(test.perplexity).toBeCloseTo(Math.exp(test.loss), 6);
    expect(test.bitsPerChar).toBeCloseTo(test.loss / Math.LN2, 6);
    const baselines = json.baselines as Record<'unigram' | 'bigram', { bitsPerChar: number }>;
    expect(baselines.bigram.bitsPerChar).toBeLessThan(baselines.unigram.bitsPerChar);
    expect([...(json.sample as string)]).toHaveLength(200);
    expect(lines.some((l) => l.startsWith('Baselines on the same chunk: unigram'))).toBe(true);
  }, 240_000);

  it('reads a folder of .txt files in class folders as text classes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layerloom-folders-'));
    const rand = mulberry32(5);
    for (const [label, words] of [
      ['pos', GOOD],
      ['neg', BAD],
    ] as const) {
      await mkdir(join(dir, label));
      for (let i = 0; i < 30; i++) {
        await writeFile(
          join(dir, label, `${i}.txt`),
          `${FILLER[i % FILLER.length]} ${words[Math.floor(rand() * words.length)]} ${FILLER[(i * 7) % FILLER.length]}`,
        );
      }
    }
    const { code, json } = await run([
      'train',
      '--template',
      'text-classifier',
      '--data',
      dir,
      '--epochs',
      '1',
      '--backend',
      'cpu',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(json.dataset).toBe(dir.split('/').at(-1));
    expect((json.test as { n: number }).n).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a tokenizer it does not know, with the choices', async () => {
    await expect(
      run(['train', '--template', 'char-gpt', '--data', 'x.txt', '--tokenizer', 'sentencepiece']),
    ).rejects.toThrow(/--tokenizer must be char, word, bpe; got 'sentencepiece'/);
  });
});
