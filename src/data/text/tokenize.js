// Layerloom tokenizer: turns text into the token ids a model was trained on, using a tokenizer state
// (plain JSON, in metadata.json's "preprocessing"). Plain ES module, no DOM, no dependencies: the
// app imports it, and the export ships it as is, so the browser page tokenizes with the same code.
// src/compiler/python/tokenizer-py.ts is its Python port, tested against it id for id.
//
// The rules, in order, for every kind of tokenizer:
//  1. Unicode NFC normalisation; the text is then a sequence of code points (not UTF-16 units).
//  2. When state.lowercase: each code point is replaced by its lower-case form when that form is a
//     single code point (so 'İ', whose lower case is two code points, stays as it is), one code
//     point at a time (no final-sigma context). JS and Python agree on this rule.
//  3. Characters are classed by Unicode general category: `state.space` (e.g. Z = separators, Cc =
//     controls) separate; for 'word', `state.word` (L, M, N) make words, everything else is
//     punctuation or a symbol.
//  4. char: one token per code point. word: words and, when punctuation is 'split', one token per
//     punctuation code point (dropped when 'strip'); a joiner (apostrophe) between two word
//     characters stays inside the word. bpe: the text is cut into chunks (a run of spaces, then a
//     run of non-spaces), each chunk starts as one token per code point, and the merges are applied
//     lowest rank first, each merge replacing every non-overlapping pair from left to right.
//  5. Unknown tokens become state.unkId (1); padding is state.padId (0), added at the end.

const encoders = new WeakMap();

/** Steps 1 and 2: NFC, then the per-code-point lower-casing when the state asks for it. */
export function normalizeText(state, text) {
  const s = text.normalize('NFC');
  if (!state.lowercase) return s;
  // eslint-disable-next-line no-control-regex -- ASCII is the fast path
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) {
    const lower = ch.toLowerCase();
    out += codePointCount(lower) === 1 ? lower : ch;
  }
  return out;
}

function codePointCount(s) {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** A test for characters whose general category is in `categories` ('L' or 'Lu' style names). */
export function categoryTest(categories) {
  if (categories.length === 0) return () => false;
  for (const c of categories) {
    if (!/^[A-Z][a-z]?$/.test(c)) throw new Error(`unknown Unicode category '${c}' in the tokenizer state`);
  }
  const re = new RegExp(`^[${categories.map((c) => `\\p{${c}}`).join('')}]$`, 'u');
  const seen = new Map();
  return (ch) => {
    let v = seen.get(ch);
    if (v === undefined) {
      v = re.test(ch);
      seen.set(ch, v);
    }
    return v;
  };
}

/** The words (and punctuation tokens) of a text under a word tokenizer's rules, before lookup. */
export function wordTokens(state, text) {
  return compile(state).pieces(normalizeText(state, text));
}

/** The chunks BPE works within: a run of spaces followed by a run of non-spaces. */
export function bpeChunks(state, text) {
  return chunksOf(normalizeText(state, text), categoryTest(state.space));
}

function chunksOf(s, isSpace) {
  const chunks = [];
  let current = '';
  let previousSpace = true;
  for (const ch of s) {
    const space = isSpace(ch);
    if (space && !previousSpace) {
      chunks.push(current);
      current = '';
    }
    current += ch;
    previousSpace = space;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

function lookupOf(state) {
  const ids = new Map();
  for (let id = 0; id < state.vocab.length; id++) {
    if (id !== state.padId && id !== state.unkId && !ids.has(state.vocab[id])) ids.set(state.vocab[id], id);
  }
  return ids;
}

function compile(state) {
  let encoder = encoders.get(state);
  if (encoder) return encoder;
  const ids = lookupOf(state);
  const idOf = (token) => ids.get(token) ?? state.unkId;
  if (state.kind === 'char') {
    encoder = { pieces: (s) => Array.from(s), encode: (s) => Array.from(s, idOf) };
  } else if (state.kind === 'word') {
    const pieces = wordSplitter(state);
    encoder = { pieces, encode: (s) => pieces(s).map(idOf) };
  } else if (state.kind === 'bpe') {
    encoder = bpeEncoder(state, idOf);
  } else {
    throw new Error(`unknown tokenizer kind '${state.kind}'`);
  }
  encoders.set(state, encoder);
  return encoder;
}

function wordSplitter(state) {
  const isWord = categoryTest(state.word);
  const isSpace = categoryTest(state.space);
  const joiners = new Set(state.joiners);
  const split = state.punctuation === 'split';
  return (s) => {
    const chars = Array.from(s);
    const out = [];
    let word = '';
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (isWord(ch)) {
        word += ch;
        continue;
      }
      if (word !== '' && joiners.has(ch) && i + 1 < chars.length && isWord(chars[i + 1])) {
        word += ch;
        continue;
      }
      if (word !== '') out.push(word);
      word = '';
      if (split && !isSpace(ch)) out.push(ch);
    }
    if (word !== '') out.push(word);
    return out;
  };
}

function bpeEncoder(state, idOf) {
  const isSpace = categoryTest(state.space);
  // A pair of ids as one number: ids stay below 2^20 (the largest vocabulary is far smaller).
  const rank = new Map();
  state.merges.forEach(([a, b], r) => {
    const key = a * 1048576 + b;
    if (!rank.has(key)) rank.set(key, r);
  });
  const cache = new Map();
  const encodeChunk = (chunk) => {
    let ids = Array.from(chunk, idOf);
    while (ids.length > 1) {
      let best = Infinity;
      for (let i = 0; i + 1 < ids.length; i++) {
        const r = rank.get(ids[i] * 1048576 + ids[i + 1]);
        if (r !== undefined && r < best) best = r;
      }
      if (best === Infinity) break;
      const [a, b, merged] = state.merges[best];
      const next = [];
      for (let i = 0; i < ids.length; i++) {
        if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) {
          next.push(merged);
          i++;
        } else next.push(ids[i]);
      }
      ids = next;
    }
    return ids;
  };
  return {
    pieces: (s) => chunksOf(s, isSpace),
    encode: (s) => {
      const out = [];
      for (const chunk of chunksOf(s, isSpace)) {
        let ids = cache.get(chunk);
        if (ids === undefined) {
          ids = encodeChunk(chunk);
          if (cache.size < 100000) cache.set(chunk, ids);
        }
        for (const id of ids) out.push(id);
      }
      return out;
    },
  };
}

/** Token ids of `text` (no padding, no truncation: see toSequence). */
export function encodeText(state, text) {
  return compile(state).encode(normalizeText(state, text));
}

/** The replacement character stands for an unknown token in decoded text. */
export const UNKNOWN_TEXT = '\uFFFD';

/**
 * Text of token ids: padding is skipped, unknown ids read as `unknownText` (default U+FFFD, as the
 * Python port decodes; a table of rows passes "[UNK]" so a reader sees which token was unknown);
 * words are joined by one space.
 */
export function decodeIds(state, ids, unknownText = UNKNOWN_TEXT) {
  const parts = [];
  for (const id of ids) {
    if (id === state.padId) continue;
    const known = id !== state.unkId && id >= 0 && id < state.vocab.length;
    parts.push(known ? state.vocab[id] : unknownText);
  }
  return parts.join(state.kind === 'word' ? ' ' : '');
}

/**
 * Exactly `seqLen` ids: a longer list loses tokens at its start ('start') or its end ('end'); a
 * shorter one is padded with `padId` (default 0) at the end.
 */
export function toSequence(ids, seqLen, truncate, padId = 0) {
  const kept =
    ids.length <= seqLen ? ids : truncate === 'start' ? ids.slice(ids.length - seqLen) : ids.slice(0, seqLen);
  const out = kept.slice();
  while (out.length < seqLen) out.push(padId);
  return out;
}
