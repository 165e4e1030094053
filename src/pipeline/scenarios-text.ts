/**
 * The text scenarios: which Austen novel a passage is from, which language a word is in, and a
 * tiny character GPT that writes like Austen. Each starts from a text template sized to its
 * built-in (src/model/template-fit.ts), with the tokenizer the Data page will fit; the targets sit
 * a little below what the template's settings reached in our runs (see the closing notes of
 * issue 16 and src/pipeline/scenarios.test.ts).
 */
import type { ProjectDataSettings } from '../model/project-schema';
import { fitTemplate, type DataFacts } from '../model/template-fit';
import type { ScenarioTemplate } from './scenarios';

const noCsv: ProjectDataSettings['csv'] = { columns: {} };

/** Classification sets ship a `split` column (the split their scikit-learn anchor used). */
const textCsv = (label: string): ProjectDataSettings['csv'] => ({ label, columns: { split: { role: 'ignore' } } });

/** The vocabulary and sequence length the settings below give each built-in (checked by scenarios.test.ts). */
export const TEXT_SCENARIO_FACTS: Readonly<Record<string, DataFacts>> = {
  'austen-novels': { kind: 'text', task: 'multiclass', inputShape: [96], classes: 6, vocabSize: 8000 },
  'word-language': { kind: 'text', task: 'multiclass', inputShape: [16], classes: 7, vocabSize: 4000 },
  'austen-text': { kind: 'text', task: 'next-token', inputShape: [64], classes: 78, vocabSize: 78 },
};

export const TEXT_SCENARIO_TEMPLATES: readonly ScenarioTemplate[] = [
  {
    id: 'scenario:austen-novels',
    title: 'Which Austen novel is this passage from?',
    summary: 'Tell the six Jane Austen novels apart from a few sentences, with a text classifier.',
    task: 'Text · 6 classes',
    scenario: {
      taskType: 'classification',
      description:
        'A literature course builds a quiz: students see a passage of two or three sentences and must name the Jane Austen novel it comes from. A model that does the same helps check the quiz and shows which passages are hard. The text is split into words (lower-cased, punctuation as its own tokens), each word becomes a learned vector, and the average of those vectors is classified. Data: 6,000 passages, 1,000 from each of the six novels (public domain, from the R package janeaustenr).',
      requirement:
        'Name the right novel for at least 7 in 10 passages (a TF-IDF + logistic regression baseline reaches 0.80).',
      rule: { metric: 'accuracy', op: '>=', threshold: 0.7 },
    },
    dataset: { kind: 'builtin', id: 'austen-novels' },
    data: {
      csv: textCsv('label'),
      images: null,
      text: { useText: true, tokenizer: 'word', vocabSize: 8000, seqLen: 96 },
    },
    train: { optimizer: 'adam', learningRate: 0.003, batchSize: 32, epochs: 10 },
    graph: () => fitTemplate('text-classifier', TEXT_SCENARIO_FACTS['austen-novels']!),
  },
  {
    id: 'scenario:word-language',
    title: 'Which language is this word?',
    summary: 'Guess a word’s language (7 European languages) from its letters, with subword tokens.',
    task: 'Text · 7 classes',
    scenario: {
      taskType: 'classification',
      description:
        'A support desk receives one-word search queries and wants to route each to the right language team before a person reads it. The word is cut into subword pieces (byte-pair encoding learned on the training words, so endings like "-ung" or "-tion" become tokens) and a text classifier learns which pieces belong to which language. Data: 21,000 lower-case words, 3,000 from each of the English, French, German, Italian, Spanish, Portuguese and Dutch word lists shipped with Debian.',
      requirement:
        'Route at least 8 in 10 words to the right language (a TF-IDF + logistic regression baseline on letter n-grams reaches 0.90).',
      rule: { metric: 'accuracy', op: '>=', threshold: 0.8 },
    },
    dataset: { kind: 'builtin', id: 'word-language' },
    data: {
      csv: textCsv('label'),
      images: null,
      text: { useText: true, tokenizer: 'bpe', vocabSize: 4000, seqLen: 16 },
    },
    // Adam's own 0.001 (the CLI's default too): at 0.003 the text classifier overfits these short
    // words within a few of the 20 epochs.
    train: { optimizer: 'adam', learningRate: 0.001, batchSize: 32, epochs: 20 },
    graph: () => fitTemplate('text-classifier', TEXT_SCENARIO_FACTS['word-language']!),
  },
  {
    id: 'scenario:write-like-austen',
    title: 'Write like Austen (a tiny GPT)',
    summary: 'Train a character-level GPT on three Austen novels and let it write.',
    task: 'Text · language model',
    scenario: {
      taskType: 'classification',
      description:
        'A small language model of the GPT kind reads 64 characters and predicts the next one, again and again, so it can continue any prompt. This template trains one with two causal Transformer decoder blocks on Pride and Prejudice, Sense and Sensibility and Persuasion (1.8 million characters), keeps the last 5% of the text apart to measure it, and compares it with two classic baselines: letter frequencies (unigram) and "which letter follows which" (bigram). Bits per character is the cost of writing each held-out character with the model’s predictions: lower is better, and below the bigram’s it has learned more than letter pairs.',
      requirement: 'Predict held-out Austen at 2.8 bits per character or better (the bigram baseline needs 3.5).',
      rule: { metric: 'bitsPerChar', op: '<=', threshold: 2.8 },
    },
    dataset: { kind: 'builtin', id: 'austen-text' },
    data: { csv: noCsv, images: null, text: { tokenizer: 'char', seqLen: 64 } },
    train: { optimizer: 'adam', learningRate: 0.003, batchSize: 32, epochs: 1 },
    graph: () => fitTemplate('char-gpt', TEXT_SCENARIO_FACTS['austen-text']!),
  },
];
