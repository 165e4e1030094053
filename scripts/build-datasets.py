#!/usr/bin/env python3
"""Build Layerloom's built-in datasets into public/datasets/ from local, licensed sources.

    apt-get install -y --no-install-recommends python3-sklearn dataset-fashion-mnist python3-numpy \
        r-base-core r-cran-janeaustenr wamerican wfrench wngerman witalian wspanish wportuguese wdutch
    /usr/bin/python3 scripts/build-datasets.py

Inputs (nothing is downloaded):
  * iris, wine, breast cancer, digits: the CSV files Debian's python3-sklearn ships in
    sklearn/datasets/data (read as files; sklearn itself is not imported).
  * penguins, seattle-weather: node_modules/vega-datasets/data (the npm devDependency); the
    7-day windows of seattle-weather-windows are cut from the same file.
  * Fashion-MNIST: the IDX files of Debian's dataset-fashion-mnist.
  * movie-ratings (scripts/ratings_dataset.py): synthetic, from a seeded numpy generator; its
    anchor is fitted with Debian's scikit-learn.
  * Text (scripts/text_datasets.py): Jane Austen's novels from Debian's r-cran-janeaustenr (written
    out by Rscript), seven word lists from /usr/share/dict; anchors fitted with Debian's scikit-learn.

Outputs: tabular datasets as UTF-8 CSV with a header; image datasets as gzip'd uint8 pixels
(`<id>-images.u8.gz`, row-major, one byte per pixel) + uint8 labels (`<id>-labels.u8`) + a JSON
manifest (`<id>.json`); text datasets as CSV `text,label,split` (gzip'd when large) or one gzip'd
UTF-8 corpus (`austen-text.txt.gz`); `index.json` listing everything; `LICENSES.md`. Same inputs give the same
files: no randomness, gzip headers carry no timestamp or file name, JSON keys keep a fixed order.
"""
import csv
import gzip
import hashlib
import io
import json
import subprocess
from datetime import date, timedelta
from pathlib import Path

import numpy as np

import ratings_dataset
import text_datasets

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / 'public' / 'datasets'
SKLEARN_DATA = Path('/usr/lib/python3/dist-packages/sklearn/datasets/data')
VEGA_DATA = ROOT / 'node_modules' / 'vega-datasets' / 'data'
FASHION_DIR = Path('/usr/share/datasets/fashion-mnist')

FASHION_TRAIN_PER_CLASS = 1000
FASHION_TEST_PER_CLASS = 200

# ---------------------------------------------------------------- what each dataset is

SKLEARN_LICENSE = {
    'name': 'BSD-3-Clause',
    'url': 'https://opensource.org/license/bsd-3-clause',
    'note': 'Distributed with scikit-learn (Copyright 2007-2019 the scikit-learn developers) under the '
            'BSD 3-Clause licence (full text in LICENSES.md). The data were first published '
            'in the UCI Machine Learning Repository; please credit the original creators as cited.',
}
SKLEARN_VIA = 'scikit-learn data files in the Debian package python3-sklearn'


def snake(names):
    return [n.replace(' (cm)', '_cm').replace('/', '_').replace(' ', '_') for n in names]


BREAST_CANCER_FEATURES = [
    f'{prefix}{name}'
    for prefix in ('mean_', '', 'worst_')
    for name in ('radius', 'texture', 'perimeter', 'area', 'smoothness', 'compactness', 'concavity',
                 'concave_points', 'symmetry', 'fractal_dimension')
]
# sklearn calls the middle block "radius error" …: the standard error of each measurement.
BREAST_CANCER_FEATURES[10:20] = [f'{n}_error' for n in BREAST_CANCER_FEATURES[10:20]]

SEATTLE_LICENSE = {
    'name': 'U.S. Government work (public domain); vega-datasets BSD-3-Clause',
    'url': 'https://www.usa.gov/government-works',
    'note': 'NOAA observations are U.S. Government works. The categorical "weather" column was '
            'derived by the Vega project (vega-datasets, BSD-3-Clause, https://github.com/vega/vega-datasets).',
}
SEATTLE_SOURCE = {
    'citation': 'NOAA National Climatic Data Center, Seattle daily records, as prepared by vega-datasets '
                '(scripts/weather.py).',
    'url': 'https://www.ncdc.noaa.gov/cdo-web/datatools/records',
}

JANEAUSTENR_LICENSE = {
    'name': 'Public domain (text); janeaustenr MIT',
    'url': 'https://cran.r-project.org/package=janeaustenr',
    'note': "Jane Austen's novels (1811-1818) are in the public domain; the texts come from Project Gutenberg "
            'as packaged by Julia Silge in the R package janeaustenr (Copyright 2016-2017 Julia Silge, MIT '
            'licence; the permission notice is reproduced in LICENSES.md).',
}
JANEAUSTENR_SOURCE = {
    'citation': 'J. Austen, Sense and Sensibility (1811), Pride and Prejudice (1813), Mansfield Park (1814), '
                'Emma (1815), Northanger Abbey and Persuasion (1818); Project Gutenberg texts as packaged in '
                'J. Silge, janeaustenr: Jane Austen\'s Complete Novels (R package).',
    'url': 'https://github.com/juliasilge/janeaustenr',
}
WORD_LIST_NOTES = {
    'English': 'wamerican (SCOWL, Copyright 2000-2011 Kevin Atkinson; permissive notice reproduced in LICENSES.md)',
    'French': 'wfrench (Copyright 1989 Paul Leyland; GPL-2+)',
    'German': 'wngerman (Copyright 1999-2016 Björn Jacke; GPL-2+)',
    'Italian': 'witalian (Copyright 1997-2018 Davide G. M. Salvetti; GPL-3+)',
    'Spanish': 'wspanish (word list in the public domain)',
    'Portuguese': 'wportuguese (Copyright 2006-2022 José João de Almeida; GPL-2+ or LGPL-2.1+ or MPL-1.1)',
    'Dutch': 'wdutch (OpenTaal word list, Copyright 1996-2020 OpenTaal e.a.; BSD (reproduced in LICENSES.md) '
             'or CC BY 3.0)',
}

# The windowed derivative for sequence models: how many past days, and which readings of each.
WINDOW_DAYS = 7
WINDOW_VALUES = ('temp_max', 'temp_min', 'precipitation', 'wind')

META = [
    {
        'id': 'iris', 'title': 'Iris flowers', 'kind': 'tabular', 'task': 'multiclass',
        'description': "Fisher's 150 iris flowers: four sepal and petal measurements (cm); predict the species.",
        'labelColumn': 'species', 'classes': ['setosa', 'versicolor', 'virginica'],
        'license': SKLEARN_LICENSE,
        'source': {'citation': 'R. A. Fisher (1936), "The use of multiple measurements in taxonomic problems", '
                               'Annals of Eugenics 7(2); UCI Machine Learning Repository: Iris.',
                   'url': 'https://archive.ics.uci.edu/ml/datasets/iris'},
        'via': SKLEARN_VIA, 'viaPackage': 'python3-sklearn',
        'produced': 'sklearn/datasets/data/iris.csv with sklearn\'s feature names in snake_case and the '
                    'class index replaced by the species name.',
        'build': {'from': 'sklearn', 'file': 'iris.csv',
                  'features': snake(['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'])},
    },
    {
        'id': 'wine', 'title': 'Wine recognition', 'kind': 'tabular', 'task': 'multiclass',
        'description': 'Chemical analysis (13 measurements) of 178 Italian wines from three cultivars; predict the cultivar.',
        'labelColumn': 'class', 'classes': ['class_0', 'class_1', 'class_2'],
        'license': SKLEARN_LICENSE,
        'source': {'citation': 'M. Forina et al., PARVUS (1988); UCI Machine Learning Repository: Wine.',
                   'url': 'https://archive.ics.uci.edu/ml/machine-learning-databases/wine/wine.data'},
        'via': SKLEARN_VIA, 'viaPackage': 'python3-sklearn',
        'produced': 'sklearn/datasets/data/wine_data.csv with sklearn\'s feature names ("/" written as "_") '
                    'and the class index replaced by sklearn\'s class name.',
        'build': {'from': 'sklearn', 'file': 'wine_data.csv',
                  'features': snake(['alcohol', 'malic_acid', 'ash', 'alcalinity_of_ash', 'magnesium', 'total_phenols',
                                     'flavanoids', 'nonflavanoid_phenols', 'proanthocyanins', 'color_intensity', 'hue',
                                     'od280/od315_of_diluted_wines', 'proline'])},
    },
    {
        'id': 'breast-cancer', 'title': 'Breast cancer (Wisconsin diagnostic)', 'kind': 'tabular', 'task': 'binary',
        'description': '569 breast-mass biopsies: 30 features of the cell nuclei (mean, standard error and worst '
                       'of ten measurements); predict malignant or benign.',
        'labelColumn': 'diagnosis', 'classes': ['malignant', 'benign'],
        'license': SKLEARN_LICENSE,
        'source': {'citation': 'W. H. Wolberg, W. N. Street, O. L. Mangasarian (1995); UCI Machine Learning '
                               'Repository: Breast Cancer Wisconsin (Diagnostic).',
                   'url': 'https://archive.ics.uci.edu/ml/datasets/Breast+Cancer+Wisconsin+(Diagnostic)'},
        'via': SKLEARN_VIA, 'viaPackage': 'python3-sklearn',
        'produced': 'sklearn/datasets/data/breast_cancer.csv with sklearn\'s feature names in snake_case '
                    '("radius error" → radius_error) and the class index replaced by malignant/benign.',
        'build': {'from': 'sklearn', 'file': 'breast_cancer.csv', 'features': BREAST_CANCER_FEATURES},
    },
    {
        'id': 'penguins', 'title': 'Palmer penguins', 'kind': 'tabular', 'task': 'multiclass',
        'description': '344 penguins from three islands of the Palmer Archipelago: beak, flipper and body '
                       'measurements, island and sex (a few values missing); predict the species.',
        'labelColumn': 'species', 'classes': ['Adelie', 'Chinstrap', 'Gentoo'],
        'license': {'name': 'CC0 1.0 Universal', 'url': 'https://creativecommons.org/publicdomain/zero/1.0/',
                    'note': 'Dedicated to the public domain by the palmerpenguins authors.'},
        'source': {'citation': 'K. B. Gorman, T. D. Williams, W. R. Fraser (2014), PLoS ONE 9(3): e90081; '
                               'A. M. Horst, A. P. Hill, K. B. Gorman (2020), palmerpenguins; Palmer Station '
                               'Antarctica LTER.',
                   'url': 'https://allisonhorst.github.io/palmerpenguins/'},
        'via': 'data/penguins.json of the npm package vega-datasets', 'viaPackage': 'vega-datasets',
        'produced': 'vega-datasets\' penguins.json written as CSV with snake_case column names; missing '
                    'values (null, and the one sex recorded as ".") are empty cells.',
        'build': {'from': 'vega-penguins', 'columns': [
            ('Species', 'species'), ('Island', 'island'), ('Beak Length (mm)', 'beak_length_mm'),
            ('Beak Depth (mm)', 'beak_depth_mm'), ('Flipper Length (mm)', 'flipper_length_mm'),
            ('Body Mass (g)', 'body_mass_g'), ('Sex', 'sex')]},
    },
    {
        'id': 'seattle-weather', 'title': 'Seattle weather', 'kind': 'tabular', 'task': 'multiclass',
        'description': 'Daily Seattle weather 2012-2015: precipitation (mm), maximum and minimum temperature '
                       '(°C) and wind; predict the kind of day (drizzle, rain, sun, snow or fog).',
        'labelColumn': 'weather', 'ignoreColumns': ['date'],
        'classes': ['drizzle', 'rain', 'snow', 'sun', 'fog'],
        'license': SEATTLE_LICENSE,
        'source': SEATTLE_SOURCE,
        'via': 'data/seattle-weather.csv of the npm package vega-datasets', 'viaPackage': 'vega-datasets',
        'produced': 'vega-datasets\' seattle-weather.csv copied unchanged. The date column identifies the '
                    'day and is listed in ignoreColumns.',
        'build': {'from': 'vega-csv', 'file': 'seattle-weather.csv'},
    },
    {
        'id': 'seattle-weather-windows', 'title': 'Seattle weather, 7-day windows', 'kind': 'tabular',
        'task': 'regression',
        'description': 'The Seattle weather series cut into 1,454 overlapping windows: the previous 7 days of maximum '
                       'and minimum temperature (°C), precipitation (mm) and wind, oldest day first; predict the '
                       "day's maximum temperature. For recurrent models: the 28 inputs reshape to 7 steps × 4 values.",
        'labelColumn': 'temp_max', 'ignoreColumns': ['date'], 'classes': [],
        'license': SEATTLE_LICENSE,
        'source': SEATTLE_SOURCE,
        'via': 'data/seattle-weather.csv of the npm package vega-datasets', 'viaPackage': 'vega-datasets',
        'produced': f'Derived from vega-datasets\' seattle-weather.csv: one row per day from the {WINDOW_DAYS + 1}th on, '
                    'holding the date, then for t-7 … t-1 (oldest first) that earlier day\'s '
                    f"{', '.join(WINDOW_VALUES)} (columns t-7_temp_max, t-7_temp_min, …, t-1_wind: time-major, so "
                    f'the {WINDOW_DAYS * len(WINDOW_VALUES)} inputs reshape to [{WINDOW_DAYS}, {len(WINDOW_VALUES)}]), '
                    'and the day\'s own temp_max as the label. Values are copied as written; the weather column is not used.',
        'build': {'from': 'windows', 'file': 'seattle-weather.csv'},
    },
    {
        'id': 'digits', 'title': 'Handwritten digits (8×8)', 'kind': 'image', 'task': 'multiclass',
        'description': '1,797 handwritten digits as 8×8 grayscale images with 17 grey levels (0-16); predict the digit.',
        'classes': [str(d) for d in range(10)], 'imageShape': [8, 8, 1], 'maxValue': 16,
        'license': SKLEARN_LICENSE,
        'source': {'citation': 'E. Alpaydin, C. Kaynak (1998); UCI Machine Learning Repository: Optical '
                               'Recognition of Handwritten Digits (test set).',
                   'url': 'https://archive.ics.uci.edu/ml/datasets/Optical+Recognition+of+Handwritten+Digits'},
        'via': SKLEARN_VIA, 'viaPackage': 'python3-sklearn',
        'produced': 'sklearn/datasets/data/digits.csv.gz: the 64 pixel values of each row (0-16) as one byte '
                    'each, row-major, gzip\'d (digits-images.u8.gz); the digit as one byte (digits-labels.u8). '
                    'All 1,797 rows, in file order.',
    },
    {
        'id': 'fashion-mnist', 'title': 'Fashion-MNIST (12,000-image subset)', 'kind': 'image', 'task': 'multiclass',
        'description': 'Zalando article photos as 28×28 grayscale images in ten classes: 10,000 training and '
                       '2,000 test images, 1,000 and 200 per class; predict the kind of article.',
        'classes': ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag',
                    'Ankle boot'],
        'imageShape': [28, 28, 1], 'maxValue': 255,
        'license': {'name': 'MIT (Expat)', 'url': 'https://opensource.org/license/mit',
                    'note': 'Copyright 2017 Zalando SE. The permission notice is reproduced in LICENSES.md.'},
        'source': {'citation': 'H. Xiao, K. Rasul, R. Vollgraf (2017), "Fashion-MNIST: a Novel Image Dataset '
                               'for Benchmarking Machine Learning Algorithms", arXiv:1708.07747.',
                   'url': 'https://github.com/zalandoresearch/fashion-mnist'},
        'via': 'the Debian package dataset-fashion-mnist', 'viaPackage': 'dataset-fashion-mnist',
        'produced': f'The first {FASHION_TRAIN_PER_CLASS:,} images of each class in train-images-idx3-ubyte '
                    f'(file order kept; 10,000 images) followed by the first {FASHION_TEST_PER_CLASS} of each '
                    'class in t10k-images-idx3-ubyte (2,000 images): pixels one byte each, row-major, gzip\'d '
                    '(fashion-mnist-images.u8.gz); labels one byte each (fashion-mnist-labels.u8). The manifest '
                    'gives the train and test ranges. No randomness: the original files are already shuffled.',
    },
    {
        'id': 'austen-novels', 'title': 'Which Austen novel?', 'kind': 'text', 'task': 'multiclass',
        'description': '6,000 passages of 40-100 words from the six novels of Jane Austen, 1,000 per novel, with '
                       'a train/validation/test column; predict which novel a passage comes from.',
        'classes': [title for _, title in text_datasets.AUSTEN_NOVELS],
        'license': JANEAUSTENR_LICENSE, 'source': JANEAUSTENR_SOURCE,
        'via': 'the Debian package r-cran-janeaustenr', 'viaPackage': 'r-cran-janeaustenr',
        'produced': 'Each novel from its first chapter heading on, without underscores (italics), headings, '
                    'editors\' bracketed notes and footnotes; within a chapter, consecutive sentences are '
                    f'gathered until a passage has at least {text_datasets.PASSAGE_MIN_WORDS} words (passages over '
                    f'{text_datasets.PASSAGE_MAX_WORDS} words are left out), and '
                    f'{text_datasets.PASSAGES_PER_NOVEL:,} passages are taken evenly through each novel. Split '
                    '80/10/10 per novel by the rank of a SHA-256 hash of the passage; rows in hash order. '
                    'CSV text,label,split, gzip\'d.',
        # The tokenizer this set is meant for (the Data page and the CLI start from it).
        'tokenizer': {'kind': 'word', 'vocabSize': 8000, 'seqLen': 96},
        'build': {'from': 'austen-novels', 'file': 'austen-novels.csv.gz'},
    },
    {
        'id': 'word-language', 'title': 'Which language is this word?', 'kind': 'text', 'task': 'multiclass',
        'description': '21,000 lower-case words, 3,000 from each of seven languages\' word lists (English, French, '
                       'German, Italian, Spanish, Portuguese, Dutch), none found in two lists; predict the language.',
        'classes': [label for _, _, label in text_datasets.WORD_LISTS],
        'license': {
            'name': 'GPL-3.0-or-later (as a whole); per-language licences in LICENSES.md',
            'url': 'https://www.gnu.org/licenses/gpl-3.0.html',
            'note': 'Drawn from the Debian word lists ' + '; '.join(WORD_LIST_NOTES.values()) + '. The '
                    'combination may be shared under GPL-3.0-or-later (full text in LICENSES.md); each '
                    "language's words alone keep their own list's licence.",
        },
        'source': {'citation': 'Debian word lists (/usr/share/dict): SCOWL, Paul Leyland\'s French list, '
                               'igerman98, Davide Salvetti\'s Italian list, the Spanish ispell list, Natura '
                               'Portuguese, OpenTaal.',
                   'url': 'https://packages.debian.org/bookworm/wordlist'},
        'via': 'the Debian packages', 'viaPackage': 'word-lists',
        'produced': 'From each list: Unicode NFC, words in lower case only (capitalised words, i.e. proper '
                    'nouns and German nouns, dropped), letters with inner hyphens or apostrophes only, at least '
                    'two characters, no possessive \'s forms; words found in more than one list dropped; then '
                    f'the {text_datasets.WORDS_PER_LANGUAGE:,} words of each language that come first in SHA-256 '
                    'order. Split 80/10/10 per language by that order; rows in hash order. CSV text,label,split.',
        # Single words: a word tokenizer would see every test word as unknown; subwords carry the language.
        'tokenizer': {'kind': 'bpe', 'vocabSize': 4000, 'seqLen': 16},
        'build': {'from': 'word-language', 'file': 'word-language.csv'},
    },
    {
        'id': 'austen-text', 'title': 'Austen character corpus', 'kind': 'text', 'task': 'next-token',
        'description': 'Pride and Prejudice, Sense and Sensibility and Persuasion as one plain-text corpus '
                       '(1.8 million characters) for character-level language models: predict the next character.',
        'classes': [],
        'license': JANEAUSTENR_LICENSE, 'source': JANEAUSTENR_SOURCE,
        'via': 'the Debian package r-cran-janeaustenr', 'viaPackage': 'r-cran-janeaustenr',
        'produced': 'The three novels in that order, each whole (title page included), lines stripped of '
                    'surrounding spaces, without underscores (italics) or editors\' bracketed notes, runs of blank '
                    'lines collapsed to one, one blank line between novels; UTF-8 with \\n line endings, '
                    'gzip\'d. corpus.splits gives a contiguous 90/5/5 split in characters, each boundary moved '
                    'forward to the start of a paragraph.',
        'tokenizer': {'kind': 'char', 'seqLen': 64},
        'build': {'from': 'austen-text', 'file': 'austen-text.txt.gz'},
    },
    {
        'id': 'movie-ratings', 'title': 'Movie ratings (synthetic)', 'kind': 'tabular', 'task': 'binary',
        'description': f'{ratings_dataset.USERS} users × {ratings_dataset.ITEMS} movies, about 20,000 ratings: '
                       'who liked what (1) or not (0), with a train/validation/test column. Made from hidden '
                       'tastes, so a user-id and an item-id Embedding (the recommendation template) can learn '
                       'more than which movies are popular.',
        'labelColumn': 'liked', 'ignoreColumns': ['split'], 'idColumns': ['user_id', 'item_id'],
        'classes': ['0', '1'],
        'license': {'name': 'CC0 1.0 Universal', 'url': 'https://creativecommons.org/publicdomain/zero/1.0/',
                    'note': 'Synthetic data made by Layerloom\'s build script; dedicated to the public domain.'},
        'source': {'citation': 'Layerloom, synthetic ratings (scripts/ratings_dataset.py)',
                   'url': 'https://creativecommons.org/publicdomain/zero/1.0/'},
        'via': 'a seeded generator of the Debian package python3-numpy', 'viaPackage': 'python3-numpy',
        'produced': f'scripts/ratings_dataset.py with seed {ratings_dataset.SEED}: each user and movie has '
                    f'{ratings_dataset.TASTES} hidden taste values (normal), each movie a popularity and each user '
                    f'a leniency; a user rates {ratings_dataset.PER_USER[0]}-{ratings_dataset.PER_USER[1]} movies '
                    'chosen at random and likes one with probability sigmoid('
                    f'{ratings_dataset.TASTE_SCALE} × taste match + popularity + leniency). Rows are shuffled and '
                    'the split column cuts them 70/15/15. user_id and item_id count from 1 and take the id role '
                    '(idColumns); the anchor is one-hot logistic regression, which cannot see the taste match.',
        'build': {'from': 'ratings'},
    },
]

LICENSE_TEXT_INTRO = '''# Built-in datasets: licences and sources

Generated by `/usr/bin/python3 scripts/build-datasets.py` (after `apt-get install -y
--no-install-recommends python3-sklearn dataset-fashion-mnist python3-numpy r-base-core r-cran-janeaustenr
wamerican wfrench wngerman witalian wspanish wportuguese wdutch`); do not edit by hand.
Every file here is produced from local copies (Debian packages and the npm package vega-datasets),
with no download. Rerunning the script gives the same files; `index.json` lists each dataset with
its licence, source and class counts, and each image manifest records the SHA-256 of its raw bytes.
'''


def package_version(name):
    try:
        out = subprocess.run(['dpkg-query', '-W', '-f=${Version}', name], capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        raise SystemExit(f'Debian package {name} is not installed: run `apt-get install -y {name}` first.')


def npm_version(name):
    return json.loads((ROOT / 'node_modules' / name / 'package.json').read_text())['version']


def write_bytes(name, data):
    (OUT / name).write_bytes(data)


def write_text(name, text):
    """JSON and Markdown go through the repository's Prettier (as `npm run format` would), so that
    `npm run format:check` passes on the generated files and their sizes in index.json are final."""
    prettier = ROOT / 'node_modules' / '.bin' / 'prettier'
    formatted = subprocess.run([str(prettier), '--stdin-filepath', str(OUT / name)], input=text, capture_output=True,
                               text=True, check=True, cwd=ROOT).stdout
    write_bytes(name, formatted.encode('utf-8'))


def csv_bytes(header, rows):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator='\n')
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode('utf-8')


def write_csv(name, header, rows):
    write_bytes(name, csv_bytes(header, rows))


def gzip_bytes(data):
    # mtime=0 and no file name in the header so that reruns give identical bytes.
    return gzip.compress(data, compresslevel=9, mtime=0)


def sklearn_csv(file_name, feature_names, label_column):
    """sklearn's layout: a first line `n_samples,n_features,class names…`, then rows whose last
    value is the class index. Numbers are copied as written, so no precision is lost."""
    path = SKLEARN_DATA / file_name
    opener = gzip.open if file_name.endswith('.gz') else open
    with opener(path, 'rt', encoding='utf-8') as f:
        lines = list(csv.reader(f))
    first, body = lines[0], lines[1:]
    n_samples, n_features = int(first[0]), int(first[1])
    class_names = first[2:]
    assert len(body) == n_samples, f'{file_name}: expected {n_samples} rows, found {len(body)}'
    assert n_features == len(feature_names), f'{file_name}: {n_features} features, {len(feature_names)} names'
    rows = [row[:n_features] + [class_names[int(row[n_features])]] for row in body]
    return [*feature_names, label_column], rows, class_names


def digits_arrays():
    with gzip.open(SKLEARN_DATA / 'digits.csv.gz', 'rt', encoding='utf-8') as f:
        table = np.loadtxt(f, delimiter=',', dtype=np.float64)
    pixels, labels = table[:, :64], table[:, 64]
    assert table.shape == (1797, 65)
    assert np.all(pixels == np.round(pixels)) and pixels.min() >= 0 and pixels.max() <= 16
    return pixels.astype(np.uint8), labels.astype(np.uint8)


def read_idx(path, magic, dims):
    raw = gzip.decompress(path.read_bytes())
    header = np.frombuffer(raw, dtype='>u4', count=1 + dims)
    assert header[0] == magic, f'{path}: not an IDX file with magic {magic}'
    shape = tuple(int(d) for d in header[1:])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 * (1 + dims)).reshape(shape)


def first_per_class(labels, per_class, n_classes=10):
    """Indices of the first `per_class` examples of every class, in file order (Fashion-MNIST's
    files are already shuffled, so this is a balanced, deterministic sample with no RNG)."""
    keep = []
    for c in range(n_classes):
        idx = np.flatnonzero(labels == c)[:per_class]
        assert len(idx) == per_class, f'class {c} has only {len(idx)} examples'
        keep.append(idx)
    return np.sort(np.concatenate(keep))


def fashion_arrays():
    splits = []
    for prefix, per_class in (('train', FASHION_TRAIN_PER_CLASS), ('t10k', FASHION_TEST_PER_CLASS)):
        images = read_idx(FASHION_DIR / f'{prefix}-images-idx3-ubyte.gz', 2051, 3)
        labels = read_idx(FASHION_DIR / f'{prefix}-labels-idx1-ubyte.gz', 2049, 1)
        keep = first_per_class(labels, per_class)
        splits.append((images[keep].reshape(len(keep), -1), labels[keep]))
    return splits


def write_image_dataset(meta, pixels, labels, splits):
    ident = meta['id']
    images_name, labels_name, manifest_name = f'{ident}-images.u8.gz', f'{ident}-labels.u8', f'{ident}.json'
    pixel_bytes, label_bytes = np.ascontiguousarray(pixels).tobytes(), np.ascontiguousarray(labels).tobytes()
    write_bytes(images_name, gzip_bytes(pixel_bytes))
    write_bytes(labels_name, label_bytes)
    h, w, ch = meta['imageShape']
    manifest = {
        'id': ident,
        'width': w,
        'height': h,
        'channels': ch,
        'count': int(len(labels)),
        'maxValue': meta['maxValue'],
        'classNames': meta['classes'],
        'images': images_name,
        'labels': labels_name,
        'splits': splits,
        'sha256': {
            'images': hashlib.sha256(pixel_bytes).hexdigest(),
            'labels': hashlib.sha256(label_bytes).hexdigest(),
        },
    }
    write_text(manifest_name, json.dumps(manifest, indent=2) + '\n')
    counts = np.bincount(labels, minlength=len(meta['classes']))
    return [manifest_name, images_name, labels_name], int(len(labels)), [int(c) for c in counts]


def tabular_entry_facts(header, rows, label_column, classes):
    label_at = header.index(label_column)
    counts = [sum(1 for r in rows if r[label_at] == c) for c in classes]
    # A regression label has no classes; a classification one must land in one of them.
    assert not classes or sum(counts) == len(rows), f'{label_column}: labels outside {classes}'
    missing = sum(1 for r in rows for v in r if v == '')
    return counts, missing


def daily_windows(path, target):
    """One row per day that has WINDOW_DAYS days before it: the date, the earlier days' readings
    oldest first (time-major: all of t-7, then all of t-6, …), then the day's own `target`. The
    days must follow each other without gaps, or a window would silently span a hole."""
    with open(path, newline='', encoding='utf-8') as f:
        days = list(csv.DictReader(f))
    dates = [date.fromisoformat(d['date']) for d in days]
    assert all(b - a == timedelta(days=1) for a, b in zip(dates, dates[1:])), f'{path}: days are not consecutive'
    header = ['date'] + [f't-{lag}_{v}' for lag in range(WINDOW_DAYS, 0, -1) for v in WINDOW_VALUES] + [target]
    rows = []
    for i in range(WINDOW_DAYS, len(days)):
        window = [days[i - lag][v] for lag in range(WINDOW_DAYS, 0, -1) for v in WINDOW_VALUES]
        assert all(cell != '' for cell in window), f'{path}: a missing reading in the window ending {days[i]["date"]}'
        rows.append([days[i]['date'], *window, days[i][target]])
    return header, rows


def build_tabular(meta, sklearn_version):
    source = meta['build']
    if source['from'] == 'sklearn':
        header, rows, class_names = sklearn_csv(source['file'], source['features'], meta['labelColumn'])
        assert class_names == meta['classes'], f"{source['file']}: classes {class_names}, expected {meta['classes']}"
    elif source['from'] == 'vega-penguins':
        records = json.loads((VEGA_DATA / 'penguins.json').read_text(encoding='utf-8'))
        header = [new for _, new in source['columns']]
        # palmerpenguins records one sex as '.', which means "not recorded": write it as missing.
        def cell(v):
            return '' if v is None or v == '.' else str(v)
        rows = [[cell(rec[old]) for old, _ in source['columns']] for rec in records]
    elif source['from'] == 'vega-csv':
        with open(VEGA_DATA / source['file'], newline='', encoding='utf-8') as f:
            table = list(csv.reader(f))
        header, rows = table[0], table[1:]
    elif source['from'] == 'windows':
        header, rows = daily_windows(VEGA_DATA / source['file'], meta['labelColumn'])
    elif source['from'] == 'ratings':
        header, (rows, _) = ['user_id', 'item_id', 'liked', 'split'], ratings_dataset.ratings_rows()
    else:
        raise ValueError(source['from'])
    file_name = f"{meta['id']}.csv"
    write_csv(file_name, header, rows)
    counts, missing = tabular_entry_facts(header, rows, meta['labelColumn'], meta['classes'])
    features = [h for h in header if h != meta['labelColumn'] and h not in meta.get('ignoreColumns', [])]
    anchor = None
    if source['from'] == 'ratings':
        anchor = ratings_dataset.logistic_anchor(rows, sklearn_version)
        popular = ratings_dataset.popularity_baseline(rows)
        print(f"{meta['id']:24} popularity baseline: validation {popular['validationAccuracy']:.4f}, "
              f"test {popular['testAccuracy']:.4f}; anchor ({anchor['model']}): validation "
              f"{anchor['validationAccuracy']:.4f}, test {anchor['testAccuracy']:.4f}")
    # A split column (movie-ratings) is the split its anchor was scored on: the app splits by it too.
    extra = {'featureColumns': features, 'missingCells': missing, 'idColumns': meta.get('idColumns', []),
             **({'splitColumn': 'split'} if 'split' in header else {}), 'anchor': anchor}
    return [file_name], len(rows), counts, extra


def build_text(meta, sklearn_version, books):
    """The text datasets: rows or corpus from scripts/text_datasets.py, written here, with facts
    for the index entry (columns, anchor, corpus)."""
    source = meta['build']
    file_name = source['file']
    if source['from'] == 'austen-text':
        text, corpus = text_datasets.austen_corpus(books())
        write_bytes(file_name, gzip_bytes(text.encode('utf-8')))
        print(f"{meta['id']:24} corpus: {corpus['characters']:,} characters, {len(corpus['vocabulary'])} distinct, "
              f"splits {corpus['splits']}")
        extra = {'textColumn': None, 'labelColumn': None, 'splitColumn': None, 'anchor': None, 'corpus': corpus}
        return [file_name], corpus['characters'], [], extra
    if source['from'] == 'austen-novels':
        rows, counts = text_datasets.austen_novels_rows(books())
        options = text_datasets.PASSAGE_ANCHOR
    else:
        rows, counts = text_datasets.word_language_rows()
        options = text_datasets.WORD_ANCHOR
    data = csv_bytes(['text', 'label', 'split'], rows)
    write_bytes(file_name, gzip_bytes(data) if file_name.endswith('.gz') else data)
    anchor = text_datasets.tfidf_anchor(rows, options, sklearn_version)
    print(f"{meta['id']:24} anchor: validation {anchor['validationAccuracy']:.4f}, test {anchor['testAccuracy']:.4f} "
          f"({anchor['settings']})")
    extra = {'textColumn': 'text', 'labelColumn': 'label', 'splitColumn': 'split', 'anchor': anchor}
    return [file_name], len(rows), counts, extra


def lazy(load):
    """`load()` on first call only (R is slow to start, and two datasets need the novels)."""
    cache = []
    return lambda: cache[0] if cache else cache.append(load()) or cache[0]


def build_all():
    OUT.mkdir(parents=True, exist_ok=True)
    versions = {
        'python3-sklearn': package_version('python3-sklearn'),
        'dataset-fashion-mnist': package_version('dataset-fashion-mnist'),
        'vega-datasets': npm_version('vega-datasets'),
        'r-cran-janeaustenr': package_version('r-cran-janeaustenr'),
        'python3-numpy': package_version('python3-numpy'),
        'word-lists': ', '.join(f'{p} {package_version(p)}' for p, _, _ in text_datasets.WORD_LISTS),
    }
    sklearn_version = package_version('python3-sklearn').split('+')[0]
    books = lazy(text_datasets.austen_lines)
    entries = []
    for meta in META:
        extra = {}
        if meta['kind'] == 'text':
            files, rows, counts, extra = build_text(meta, sklearn_version, books)
            entries.append(text_entry(meta, files, rows, counts, extra, versions))
            print(f"{meta['id']:24} {rows:6} rows  {len(meta['classes']):2} classes  {entries[-1]['bytes']:>9,} bytes")
            continue
        if meta['kind'] == 'tabular':
            files, rows, counts, extra = build_tabular(meta, sklearn_version)
        elif meta['id'] == 'digits':
            pixels, labels = digits_arrays()
            files, rows, counts = write_image_dataset(meta, pixels, labels, None)
        else:
            (train_x, train_y), (test_x, test_y) = fashion_arrays()
            splits = {'train': {'start': 0, 'count': len(train_y)}, 'test': {'start': len(train_y), 'count': len(test_y)}}
            files, rows, counts = write_image_dataset(
                meta, np.concatenate([train_x, test_x]), np.concatenate([train_y, test_y]), splits)
            extra = {'splits': splits}
        entry = {k: meta[k] for k in ('id', 'title', 'description', 'kind', 'task')}
        entry.update({
            'labelColumn': meta.get('labelColumn'),
            'ignoreColumns': meta.get('ignoreColumns', []),
            'files': files,
            'bytes': sum((OUT / f).stat().st_size for f in files),
            'rows': rows,
            'classes': meta['classes'],
            'classCounts': counts,
            'inputShape': meta.get('imageShape'),
            **extra,
            'license': meta['license'],
            'source': {**meta['source'], 'via': meta['via'] + ' ' + versions[meta['viaPackage']]},
            'produced': meta['produced'],
        })
        entries.append(entry)
        print(f"{entry['id']:24} {rows:6} rows  {len(meta['classes']):2} classes  {entry['bytes']:>9,} bytes")
    index = {'version': 1, 'datasets': entries}
    write_text('index.json', json.dumps(index, indent=2, ensure_ascii=False) + '\n')
    write_licenses(entries)
    total = sum(p.stat().st_size for p in OUT.iterdir() if p.is_file())
    print(f'total public/datasets: {total:,} bytes')


def text_entry(meta, files, rows, counts, extra, versions):
    entry = {k: meta[k] for k in ('id', 'title', 'description', 'kind', 'task')}
    entry.update({
        'textColumn': extra['textColumn'],
        'labelColumn': extra['labelColumn'],
        'splitColumn': extra['splitColumn'],
        'anchor': extra['anchor'],
        'tokenizer': meta['tokenizer'],
        'files': files,
        'bytes': sum((OUT / f).stat().st_size for f in files),
        'rows': rows,
        'classes': meta['classes'],
        'classCounts': counts,
        **({'corpus': extra['corpus']} if 'corpus' in extra else {}),
        'license': meta['license'],
        'source': {**meta['source'], 'via': meta['via'] + ' ' + versions[meta['viaPackage']]},
        'produced': meta['produced'],
    })
    return entry


def write_licenses(entries):
    parts = [LICENSE_TEXT_INTRO]
    for e in entries:
        lic, src = e['license'], e['source']
        parts.append(
            f"## {e['title']} (`{e['id']}`)\n\n"
            f"- Files: {', '.join(f'`{f}`' for f in e['files'])}\n"
            f"- Licence: [{lic['name']}]({lic['url']}). {lic['note']}\n"
            f"- Source: {src['citation']} <{src['url']}>\n"
            f"- Taken from: {src['via']}\n"
            f"- How it was produced: {e['produced']}\n"
        )
    parts.append('## Licence texts\n')
    for title, package, licence in (
        ('scikit-learn data files: Copyright 2007-2019 the scikit-learn developers', 'python3-sklearn', 'BSD-3-Clause'),
        ('Fashion-MNIST: Copyright 2017 Zalando SE', 'dataset-fashion-mnist', 'Expat'),
        ('janeaustenr: Copyright 2016-2017 Julia Silge', 'r-cran-janeaustenr', 'MIT'),
    ):
        parts.append(f'### {title}\n\n```text\n{debian_license_text(package, licence)}\n```\n')
    for title, text in text_datasets.word_list_licence_texts():
        parts.append(f'### {title}\n\n```text\n{text}\n```\n')
    write_text('LICENSES.md', '\n'.join(parts))


def debian_license_text(package, licence):
    """The stand-alone `License: <name>` paragraph of a Debian copyright file, as plain text."""
    text = Path(f'/usr/share/doc/{package}/copyright').read_text(encoding='utf-8')
    for paragraph in text.split('\n\n'):
        lines = paragraph.strip('\n').split('\n')
        if lines[0].strip() == f'License: {licence}' and len(lines) > 1:
            body = [('' if line.strip() == '.' else line[1:]) for line in lines[1:]]
            return '\n'.join(body).rstrip()
    raise SystemExit(f'no "License: {licence}" text in /usr/share/doc/{package}/copyright')


if __name__ == '__main__':
    build_all()
