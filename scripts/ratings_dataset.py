"""The synthetic ratings built-in of scripts/build-datasets.py (`movie-ratings`): which of 200 items
300 users liked, for the recommendation template (a user-id and an item-id Input, each into an
Embedding).

Made, not collected: each user and item has hidden "taste" factors, each item a popularity and each
user a leniency; a user likes an item with probability sigmoid(TASTE_SCALE · taste match +
popularity + leniency). A model that sees only which user and which item (one-hot logistic
regression: popularity and leniency) misses the taste match that embeddings can learn; the anchor
records how far that simpler model gets. A fixed seed makes the same rows on any machine with the
same numpy.
"""
import numpy as np

SEED = 20_261_206
USERS, ITEMS = 300, 200
TASTES = 4
TASTE_SCALE = 3.0
# Ratings per user: drawn uniformly from this range, items chosen without repeats.
PER_USER = (50, 84)
SPLIT_FRACTIONS = (('train', 0.7), ('validation', 0.15), ('test', 0.15))
ANCHOR_C = 1.0


def ratings_rows():
    """Rows [user_id, item_id, liked, split] as text (ids from 1, liked 0/1), shuffled, and the
    count of rows per class (0, 1). Splits are cut from the shuffled order: 70/15/15."""
    rng = np.random.default_rng(SEED)
    user_taste = rng.normal(size=(USERS, TASTES))
    item_taste = rng.normal(size=(ITEMS, TASTES))
    popularity = rng.normal(scale=0.8, size=ITEMS)
    leniency = rng.normal(scale=0.5, size=USERS)
    pairs = []
    for u in range(USERS):
        count = int(rng.integers(PER_USER[0], PER_USER[1] + 1))
        for i in np.sort(rng.choice(ITEMS, size=count, replace=False)):
            pairs.append((u, int(i)))
    pairs = np.array(pairs)
    match = np.einsum('nk,nk->n', user_taste[pairs[:, 0]], item_taste[pairs[:, 1]]) / np.sqrt(TASTES)
    logit = TASTE_SCALE * match + popularity[pairs[:, 1]] + leniency[pairs[:, 0]]
    liked = (rng.random(len(pairs)) < 1 / (1 + np.exp(-logit))).astype(int)
    order = rng.permutation(len(pairs))
    bounds = np.cumsum([0] + [round(f * len(pairs)) for _, f in SPLIT_FRACTIONS[:-1]] + [len(pairs)])
    split = np.empty(len(pairs), dtype=object)
    for (name, _), a, b in zip(SPLIT_FRACTIONS, bounds[:-1], np.append(bounds[1:-1], len(pairs))):
        split[order[a:b]] = name
    rows = [[str(pairs[k, 0] + 1), str(pairs[k, 1] + 1), str(liked[k]), split[k]] for k in order]
    counts = [int((liked == 0).sum()), int((liked == 1).sum())]
    return rows, counts


def _parts(rows):
    return {name: [r for r in rows if r[3] == name] for name, _ in SPLIT_FRACTIONS}


def popularity_baseline(rows):
    """Predict 'liked' when more than half of an item's training ratings are likes (an item with no
    training rating gets the training majority). Accuracy on validation and test."""
    part = _parts(rows)
    likes, seen = {}, {}
    for user, item, liked, _ in part['train']:
        likes[item] = likes.get(item, 0) + int(liked)
        seen[item] = seen.get(item, 0) + 1
    majority = int(2 * sum(int(r[2]) for r in part['train']) > len(part['train']))

    def accuracy(name):
        right = sum(int(2 * likes[r[1]] > seen[r[1]] if r[1] in seen else majority) == int(r[2]) for r in part[name])
        return round(right / len(part[name]), 4)

    return {'validationAccuracy': accuracy('validation'), 'testAccuracy': accuracy('test')}


def logistic_anchor(rows, sklearn_version):
    """Logistic regression on one-hot user and item (what a user's leniency and an item's popularity
    can explain), fitted on the train rows; accuracy on validation and test."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import OneHotEncoder

    part = _parts(rows)
    encoder = OneHotEncoder(handle_unknown='ignore')
    x_train = encoder.fit_transform([r[:2] for r in part['train']])
    model = LogisticRegression(C=ANCHOR_C, max_iter=5000)
    model.fit(x_train, [r[2] for r in part['train']])

    def accuracy(name):
        predicted = model.predict(encoder.transform([r[:2] for r in part[name]]))
        return round(float(sum(p == r[2] for p, r in zip(predicted, part[name])) / len(part[name])), 4)

    return {
        'model': f'one-hot user + item, logistic regression (scikit-learn {sklearn_version})',
        'settings': f'OneHotEncoder(handle_unknown="ignore") on user_id and item_id, fitted on the train rows; '
                    f'LogisticRegression(C={ANCHOR_C}, lbfgs, max_iter=5000); no validation or test row is seen.',
        'validationAccuracy': accuracy('validation'),
        'testAccuracy': accuracy('test'),
    }


if __name__ == '__main__':
    import sys
    rows, counts = ratings_rows()
    print(len(rows), counts, popularity_baseline(rows), logistic_anchor(rows, sys.argv[1] if len(sys.argv) > 1 else '?'))
