/**
 * tokenizer.py: src/data/text/tokenize.js (the encoder of a fitted Layerloom tokenizer) redone in
 * Python 3 with the standard library only, rule for rule, so a raw string becomes the same token
 * ids as in the app and the exported page. Python's `str` is code points, as tokenize.js iterates;
 * Unicode categories come from `unicodedata.category` where JavaScript uses `\p{…}` (the two agree
 * wherever both interpreters know the character's Unicode version). The state is the tokenizer
 * JSON of metadata.json (src/data/text/tokenizer-state.ts describes every field).
 */
export function tokenizerPy(): string {
  return TOKENIZER_PY;
}

const TOKENIZER_PY = String.raw`"""Text -> token ids, as Layerloom tokenized in training (standard library only)."""
import unicodedata

PAIR = 1048576
UNKNOWN_TEXT = "\ufffd"


def normalize_text(state, text):
    """NFC, then (when state["lowercase"]) lower case per code point where that is one code point."""
    s = unicodedata.normalize("NFC", text)
    if not state["lowercase"]:
        return s
    out = []
    for ch in s:
        lower = ch.lower()
        out.append(lower if len(lower) == 1 else ch)
    return "".join(out)


def category_test(categories):
    """A test for characters whose general category (or its first letter) is in categories."""
    names = set(categories)

    def test(ch):
        cat = unicodedata.category(ch)
        return cat in names or cat[0] in names

    return test


def chunks_of(s, is_space):
    """BPE chunks: a run of spaces followed by a run of non-spaces."""
    chunks = []
    current = []
    previous_space = True
    for ch in s:
        space = is_space(ch)
        if space and not previous_space:
            chunks.append("".join(current))
            current = []
        current.append(ch)
        previous_space = space
    if current:
        chunks.append("".join(current))
    return chunks


def word_tokens(state, text):
    """Words, and punctuation code points when state["punctuation"] == "split"."""
    s = normalize_text(state, text)
    is_word = category_test(state["word"])
    is_space = category_test(state["space"])
    joiners = set(state["joiners"])
    split = state["punctuation"] == "split"
    chars = list(s)
    out = []
    word = ""
    for i, ch in enumerate(chars):
        if is_word(ch):
            word += ch
            continue
        if word and ch in joiners and i + 1 < len(chars) and is_word(chars[i + 1]):
            word += ch
            continue
        if word:
            out.append(word)
        word = ""
        if split and not is_space(ch):
            out.append(ch)
    if word:
        out.append(word)
    return out


class Tokenizer:
    """A fitted tokenizer; make one per state and call encode() many times."""

    def __init__(self, state):
        self.state = state
        self.ids = {}
        for i, token in enumerate(state["vocab"]):
            if i not in (state["padId"], state["unkId"]) and token not in self.ids:
                self.ids[token] = i
        self.rank = {}
        if state["kind"] == "bpe":
            for r, (a, b, _merged) in enumerate(state["merges"]):
                self.rank.setdefault(a * PAIR + b, r)
        elif state["kind"] not in ("char", "word"):
            raise ValueError("unknown tokenizer kind %r" % state["kind"])

    def id_of(self, token):
        return self.ids.get(token, self.state["unkId"])

    def encode_chunk(self, chunk):
        ids = [self.id_of(ch) for ch in chunk]
        merges = self.state["merges"]
        while len(ids) > 1:
            best = None
            for i in range(len(ids) - 1):
                r = self.rank.get(ids[i] * PAIR + ids[i + 1])
                if r is not None and (best is None or r < best):
                    best = r
            if best is None:
                break
            a, b, merged = merges[best]
            out = []
            i = 0
            while i < len(ids):
                if i + 1 < len(ids) and ids[i] == a and ids[i + 1] == b:
                    out.append(merged)
                    i += 2
                else:
                    out.append(ids[i])
                    i += 1
            ids = out
        return ids

    def encode(self, text):
        """Token ids of text (no padding, no truncation: see to_sequence)."""
        kind = self.state["kind"]
        if kind == "char":
            return [self.id_of(ch) for ch in normalize_text(self.state, text)]
        if kind == "word":
            return [self.id_of(w) for w in word_tokens(self.state, text)]
        is_space = category_test(self.state["space"])
        out = []
        for chunk in chunks_of(normalize_text(self.state, text), is_space):
            out.extend(self.encode_chunk(chunk))
        return out

    def decode(self, ids):
        """Text of ids: padding skipped, unknown ids as U+FFFD, words joined by one space."""
        vocab = self.state["vocab"]
        parts = []
        for i in ids:
            if i == self.state["padId"]:
                continue
            known = i != self.state["unkId"] and 0 <= i < len(vocab)
            parts.append(vocab[i] if known else UNKNOWN_TEXT)
        return (" " if self.state["kind"] == "word" else "").join(parts)


def encode(state, text):
    """Token ids of text under a tokenizer state (metadata.json's tokenizer)."""
    return Tokenizer(state).encode(text)


def decode(state, ids):
    return Tokenizer(state).decode(ids)


def to_sequence(ids, seq_len, truncate, pad_id=0):
    """Exactly seq_len ids: cut at the start ("start") or the end ("end"), padded at the end."""
    if len(ids) > seq_len:
        ids = ids[len(ids) - seq_len:] if truncate == "start" else ids[:seq_len]
    return list(ids) + [pad_id] * (seq_len - len(ids))
`;
