"""The text built-ins of scripts/build-datasets.py: Jane Austen's novels (R package janeaustenr)
and seven Debian word lists, turned into rows and a corpus, plus the scikit-learn anchors.

Everything here is deterministic without a random generator: samples are taken evenly through
each source, and splits are cut by the rank of a SHA-256 hash of each text, per class, so the
same inputs give the same rows on any machine.
"""
import hashlib
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

# janeaustenr's objects, in publication order, with the title used as the class label.
AUSTEN_NOVELS = [
    ('sensesensibility', 'Sense and Sensibility'),
    ('prideprejudice', 'Pride and Prejudice'),
    ('mansfieldpark', 'Mansfield Park'),
    ('emma', 'Emma'),
    ('northangerabbey', 'Northanger Abbey'),
    ('persuasion', 'Persuasion'),
]
# The character corpus: three novels keep it near 1.8 MB of text (about 0.65 MB gzip'd).
CORPUS_NOVELS = ['prideprejudice', 'sensesensibility', 'persuasion']

PASSAGES_PER_NOVEL = 1000
PASSAGE_MIN_WORDS, PASSAGE_MAX_WORDS = 40, 100
# (package, /usr/share/dict file, label)
WORD_LISTS = [
    ('wamerican', 'american-english', 'English'),
    ('wfrench', 'french', 'French'),
    ('wngerman', 'ngerman', 'German'),
    ('witalian', 'italian', 'Italian'),
    ('wspanish', 'spanish', 'Spanish'),
    ('wportuguese', 'portuguese', 'Portuguese'),
    ('wdutch', 'dutch', 'Dutch'),
]
WORDS_PER_LANGUAGE = 3000
SPLIT_FRACTIONS = (('train', 0.8), ('validation', 0.1), ('test', 0.1))
CORPUS_SPLIT = (('train', 0.9), ('validation', 0.05), ('test', 0.05))
HASH_SALT = 'layerloom-text-v1'

PASSAGE_ANCHOR = {'analyzer': 'word', 'ngram_range': (1, 2), 'sublinear_tf': True, 'min_df': 2}
WORD_ANCHOR = {'analyzer': 'char_wb', 'ngram_range': (1, 4), 'sublinear_tf': True}
ANCHOR_C = 10.0


def rank_key(text):
    return hashlib.sha256(f'{HASH_SALT}:{text}'.encode('utf-8')).hexdigest()


def split_by_hash(texts):
    """Split names for `texts` (one class): ordered by hash, the first 80 % train, then 10 % / 10 %."""
    order = sorted(range(len(texts)), key=lambda i: rank_key(texts[i]))
    names = [None] * len(texts)
    start = 0
    for k, (name, fraction) in enumerate(SPLIT_FRACTIONS):
        end = len(texts) if k == len(SPLIT_FRACTIONS) - 1 else start + round(fraction * len(texts))
        for i in order[start:end]:
            names[i] = name
        start = end
    return names


def evenly(items, count):
    """`count` items spread evenly through `items`, in their order."""
    assert len(items) >= count, f'only {len(items)} items, {count} wanted'
    return [items[i * len(items) // count] for i in range(count)]


# ---------------------------------------------------------------- Austen

def austen_lines():
    """Each novel's lines, written out of R's lazy-load data by Rscript (UTF-8, one line per line)."""
    with tempfile.TemporaryDirectory() as tmp:
        names = ', '.join(f'"{name}"' for name, _ in AUSTEN_NOVELS)
        script = (f'library(janeaustenr); for (b in c({names})) {{ '
                  f'con <- file(file.path("{tmp}", paste0(b, ".txt")), open = "w", encoding = "UTF-8"); '
                  'writeLines(get(b), con); close(con) }')
        try:
            subprocess.run(['Rscript', '-e', script], check=True, capture_output=True, text=True)
        except (OSError, subprocess.CalledProcessError) as e:
            raise SystemExit(f'Rscript could not write janeaustenr\'s novels ({e}): run '
                             '`apt-get install -y --no-install-recommends r-base-core r-cran-janeaustenr` first.')
        return {name: (Path(tmp) / f'{name}.txt').read_text(encoding='utf-8').split('\n')
                for name, _ in AUSTEN_NOVELS}


HEADING = re.compile(r'^(CHAPTER|Chapter|VOLUME|Volume)\b')


def austen_chapters(lines):
    """The novel as chapters of paragraphs, from its first chapter heading on. Underscores (Project
    Gutenberg's italics) go; headings, editors' bracketed notes, footnotes, ornaments and lines
    without a lower-case letter (titles, THE END) are dropped."""
    paragraphs, current = [], []
    for line in lines + ['']:
        line = line.replace('_', '').strip()
        if line:
            current.append(line)
        elif current:
            paragraphs.append(' '.join(current))
            current = []
    chapters = None
    for p in paragraphs:
        if HEADING.match(p):
            chapters = (chapters or []) + [[]]
        elif chapters is not None and re.search('[a-z]', p) and p[0] not in '[*':
            chapters[-1].append(p)
    return [c for c in chapters if c]


ABBREVIATIONS = {'Mr', 'Mrs', 'Dr', 'St', 'Col', 'Capt', 'Messrs'}
SENTENCE_END = re.compile(r'[.!?]["\']*\s+(?=["\'(]*[A-Z])')


def sentences(paragraph):
    out, start = [], 0
    for m in SENTENCE_END.finditer(paragraph):
        word = re.search(r'(\w+)\W*$', paragraph[start:m.start() + 1])
        if word and word.group(1) in ABBREVIATIONS:
            continue
        out.append(paragraph[start:m.end()].strip())
        start = m.end()
    out.append(paragraph[start:].strip())
    return [s for s in out if s]


def passages(chapters):
    """Consecutive sentences of one chapter, gathered until there are at least PASSAGE_MIN_WORDS
    words; a passage over PASSAGE_MAX_WORDS (one very long sentence) is left out."""
    out = []
    for chapter in chapters:
        words, current = 0, []
        for s in (s for p in chapter for s in sentences(p)):
            current.append(s)
            words += len(s.split())
            if words >= PASSAGE_MIN_WORDS:
                if words <= PASSAGE_MAX_WORDS:
                    out.append(' '.join(current))
                words, current = 0, []
    return out


def austen_novels_rows(books):
    """[text, label, split] rows: PASSAGES_PER_NOVEL passages per novel, spread evenly through it."""
    rows, counts = [], []
    for name, title in AUSTEN_NOVELS:
        chosen = evenly(passages(austen_chapters(books[name])), PASSAGES_PER_NOVEL)
        assert len(set(chosen)) == len(chosen), f'{name}: repeated passages'
        rows += [[text, title, split] for text, split in zip(chosen, split_by_hash(chosen))]
        counts.append(len(chosen))
    rows.sort(key=lambda r: rank_key(r[0]))  # classes interleaved, in no meaningful order
    return rows, counts


def corpus_text(lines):
    """One novel as plain text: lines stripped, underscores and editors' bracketed notes gone,
    runs of blank lines collapsed to one, ending in a newline."""
    paragraphs, current = [], []
    for line in lines + ['']:
        line = line.replace('_', '').strip()
        if line:
            current.append(line)
        elif current:
            if not current[0].startswith('['):
                paragraphs.append('\n'.join(current))
            current = []
    return '\n\n'.join(paragraphs) + '\n'


def austen_corpus(books):
    """The corpus text and its facts: characters, distinct characters, contiguous 90/5/5 split
    (in characters, each boundary moved forward to the start of a paragraph)."""
    text = '\n'.join(corpus_text(books[name]) for name in CORPUS_NOVELS)  # one blank line between novels
    text = unicodedata.normalize('NFC', text)
    # Outside the Basic Multilingual Plane a JavaScript string counts two units per character.
    assert all(ord(ch) < 0x10000 for ch in text), 'the corpus has characters outside the BMP'
    bounds, start = {}, 0
    for k, (name, fraction) in enumerate(CORPUS_SPLIT):
        if k == len(CORPUS_SPLIT) - 1:
            end = len(text)
        else:
            end = text.index('\n\n', start + round(fraction * len(text))) + 2
        bounds[name] = {'start': start, 'count': end - start}
        start = end
    facts = {'characters': len(text), 'vocabulary': ''.join(sorted(set(text))), 'splits': bounds}
    return text, facts


# ---------------------------------------------------------------- word lists

WORD = re.compile(r"^[^\W\d_]+(?:['-][^\W\d_]+)*$")


def word_list(file_name):
    """Lower-case words only: capitalised ones (proper nouns, and German nouns), possessive 's
    forms, words with digits or other signs, and single letters are dropped."""
    text = Path('/usr/share/dict', file_name).read_text(encoding='utf-8')
    words = set()
    for w in text.split('\n'):
        w = unicodedata.normalize('NFC', w.strip())
        if len(w) >= 2 and w == w.lower() and WORD.match(w) and not w.endswith("'s"):
            words.add(w)
    return words


def word_language_rows():
    lists = [(label, word_list(file_name)) for _, file_name, label in WORD_LISTS]
    seen = {}
    for _, words in lists:
        for w in words:
            seen[w] = seen.get(w, 0) + 1
    rows, counts = [], []
    for label, words in lists:
        unique = sorted((w for w in words if seen[w] == 1), key=rank_key)
        assert len(unique) >= WORDS_PER_LANGUAGE, f'{label}: only {len(unique)} words in no other list'
        chosen = unique[:WORDS_PER_LANGUAGE]
        rows += [[w, label, split] for w, split in zip(chosen, split_by_hash(chosen))]
        counts.append(len(chosen))
    rows.sort(key=lambda r: rank_key(r[0]))
    return rows, counts


def between(text, first, last):
    """The lines of `text` from the one starting with `first` to the one ending with `last`."""
    start = text.index(first)
    return text[start:text.index(last, start) + len(last)]


def word_list_licence_texts():
    """(title, text) of the notices the word lists ask to be kept with copies, and the GPL-3.0
    under which the combined list may be shared."""
    scowl = Path('/usr/share/doc/wamerican/copyright').read_text(encoding='utf-8')
    opentaal = Path('/usr/share/doc/wdutch/copyright').read_text(encoding='utf-8')
    notice = '\n'.join(line.strip() for line in between(scowl, 'The collective work', 'implied warranty.').split('\n'))
    copyright_lines = between(opentaal, 'Copyright:', 'Sander van Geloven)')
    bsd = '\n'.join(line.rstrip() for line in between(opentaal, 'All rights reserved.', 'POSSIBILITY OF SUCH DAMAGE.').split('\n'))
    gpl = Path('/usr/share/common-licenses/GPL-3').read_text(encoding='utf-8').strip()
    return [
        ('English word list (SCOWL, Debian wamerican): Copyright 2000-2011 Kevin Atkinson', notice),
        ('Dutch word list (OpenTaal, Debian wdutch), BSD licence', f'{copyright_lines}\n\n{bsd}'),
        ('GNU General Public License, version 3 (word-language as a whole)', gpl),
    ]


# ---------------------------------------------------------------- anchors

def tfidf_anchor(rows, vectorizer_options, sklearn_version):
    """TF-IDF + logistic regression fitted on the train rows; accuracy on validation and test."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    part = {name: [r for r in rows if r[2] == name] for name, _ in SPLIT_FRACTIONS}
    vectorizer = TfidfVectorizer(**vectorizer_options)
    x_train = vectorizer.fit_transform([r[0] for r in part['train']])
    model = LogisticRegression(C=ANCHOR_C, max_iter=5000)
    model.fit(x_train, [r[1] for r in part['train']])

    def accuracy(name):
        predicted = model.predict(vectorizer.transform([r[0] for r in part[name]]))
        return round(float(sum(p == r[1] for p, r in zip(predicted, part[name])) / len(part[name])), 4)

    options = ', '.join(f'{k}={v!r}' for k, v in vectorizer_options.items())
    return {
        'model': f'TF-IDF + logistic regression (scikit-learn {sklearn_version})',
        'settings': f'TfidfVectorizer({options}) fitted on the train rows; LogisticRegression(C={ANCHOR_C}, '
                    'lbfgs, max_iter=5000); features and model see no validation or test row.',
        'validationAccuracy': accuracy('validation'),
        'testAccuracy': accuracy('test'),
    }
