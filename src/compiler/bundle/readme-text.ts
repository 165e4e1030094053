/**
 * The README.md lines of a text model: how a text becomes token ids (the tokenizer's rules, the
 * sequence length and truncation), what a language model's output means, and how to try it: the
 * page's text or prompt box and predict.py's --text and --generate.
 */
import type { ExportMetadata, TextPreprocessing } from './metadata-schema';

const KINDS: Readonly<Record<TextPreprocessing['tokenizer']['kind'], string>> = {
  char: 'one token per character (Unicode code point)',
  word: 'one token per word',
  bpe: 'byte-pair-encoding subwords: characters merged into frequent pieces',
};

export function textPreprocessingLines(pre: TextPreprocessing): string[] {
  const t = pre.tokenizer;
  const rules = [
    'Unicode NFC normalisation',
    ...(t.lowercase ? ['lower case'] : []),
    ...(t.kind === 'word'
      ? [t.punctuation === 'split' ? 'punctuation marks as tokens of their own' : 'punctuation dropped']
      : []),
  ];
  return [
    `A text becomes ${pre.seqLen} token ids: ${KINDS[t.kind]}, after ${rules.join(', ')}; a vocabulary of ${t.vocab.length.toLocaleString('en-US')} tokens`,
    `(id ${t.padId} pads, id ${t.unkId} stands for a token not seen in training). A longer text loses tokens at its`,
    `${pre.truncate === 'start' ? 'start (the end is kept)' : 'end (the start is kept)'}; a shorter one is padded with id ${t.padId} at the end.`,
    '',
    'The tokenizer (vocabulary and rules) is in `tfjs/metadata.json` ("preprocessing" → "tokenizer"). `web/tokenize.js`',
    '(`encodeText`, `toSequence`) and `tokenizer.py` in `keras/` and `pytorch/` (`Tokenizer(state).encode`, `to_sequence`)',
    'apply it and give the same ids.',
  ];
}

export function nextTokenOutputLines(metadata: ExportMetadata): string[] {
  const out = metadata.outputs[0]!;
  const [seqLen, vocab] = out.shape;
  return [
    `The model outputs [${seqLen ?? 'any'}, ${vocab ?? 'any'}]: at each position, the probability of every token id coming next`,
    "(ids index the tokenizer's vocabulary). For a window shorter than the sequence length (padded at the end), read",
    'the row of its last real token. To write text, feed the last tokens back one at a time.',
  ];
}

export function textUseLines(pre: TextPreprocessing, options: { keras?: boolean; pytorch?: boolean }): string[] {
  const folders = [options.keras ? '`keras/`' : null, options.pytorch ? '`pytorch/`' : null].filter(Boolean);
  const lm = pre.task === 'next-token';
  return [
    '### Text input',
    '',
    lm
      ? 'The page in `web/` has a prompt box: type the start of a text and press Generate. Temperature 0 always takes the most likely token (greedy); higher values sample more freely, top-k keeps only the k most likely tokens, and the same seed gives the same text. Tokens appear as they are sampled.'
      : 'The page in `web/` has a text box: type a text to see the class probabilities and the tokens the model saw (unknown tokens marked, tokens past the sequence length struck through).',
    '',
    ...(folders.length > 0
      ? [
          `From ${folders.join(' or ')}:`,
          '',
          '```sh',
          'python3 predict.py --text "Your text here"    # prints the token ids and the prediction',
          'echo "Your text here" | python3 predict.py --text -',
          ...(lm
            ? ['python3 predict.py --generate "Once upon a time" --length 200 --temperature 0.8 --top-k 20 --seed 1']
            : []),
          '```',
          '',
          ...(lm
            ? [
                "`--generate` samples `--length` tokens (characters, for a character tokenizer) after the prompt, with the page's",
                'rules: `--temperature 0` (the default) is greedy, and a seed gives the same text as the page for the same settings.',
                '',
              ]
            : []),
        ]
      : []),
  ];
}
