/**
 * preprocess.py: the dataset transform stored in metadata.json (Layerloom's TabularTransform,
 * ImageTransform or TextTransform, see src/data), redone in Python, so a raw record or image becomes the same
 * model input as in the app. The tabular path follows src/data's applyTransform and cell
 * readers step by step; the image path resamples with Pillow, which is close to the browser's
 * resampling but not bit-identical.
 */
export const PREPROCESS_PY = String.raw`"""Turns a raw record or image into model input, as Layerloom did in training (numpy only)."""
import datetime
import math
import re

import numpy as np

TRUE_TOKENS = ("true", "yes", "y", "t", "1")
FALSE_TOKENS = ("false", "no", "n", "f", "0")
DECIMAL_COMMA = re.compile(r"^\s*-?([1-9]\d{0,2}(\.\d{3})+|\d+)(,\d+)?\s*$")
THOUSANDS = re.compile(r"^\s*[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?\s*$")
DATE = re.compile(
    r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$",
    re.IGNORECASE,
)
EPOCH = datetime.date(1970, 1, 1).toordinal()


def to_number(cell):
    """A finite number, or nan (as JavaScript's Number(), blank and infinite values excluded)."""
    text = cell.strip()
    if text == "" or "_" in text:
        return math.nan
    try:
        value = float(text)
    except ValueError:
        try:
            value = float(int(text, 0)) if re.match(r"^0[xob]", text, re.IGNORECASE) else math.nan
        except ValueError:
            return math.nan
    return value if math.isfinite(value) else math.nan


def to_number_decimal_comma(cell):
    if not DECIMAL_COMMA.match(cell):
        return math.nan
    return to_number(cell.strip().replace(".", "").replace(",", ".", 1))


def to_number_thousands(cell):
    if "," not in cell:
        return to_number(cell)
    if not THOUSANDS.match(cell):
        return math.nan
    return to_number(cell.strip().replace(",", ""))


def to_boolean(cell):
    token = cell.strip().lower()
    if token in TRUE_TOKENS:
        return 1.0
    if token in FALSE_TOKENS:
        return 0.0
    return math.nan


def to_days(cell):
    """Days since 1970-01-01 UTC of an ISO-like date or date-time; times without a zone are UTC."""
    m = DATE.match(cell)
    if not m:
        return math.nan
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    hour, minute, second = (int(m.group(i)) if m.group(i) else 0 for i in (4, 5, 6))
    millis = math.floor(float("0." + m.group(7)) * 1000 + 0.5) if m.group(7) else 0
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour <= 23 and minute <= 59 and second <= 60):
        return math.nan
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return math.nan
    seconds = hour * 3600 + minute * 60 + second
    if seconds >= 86400:
        return math.nan  # 23:59:60 would roll over into the next day
    zone = m.group(8)
    offset_ms = 0
    if zone and zone.upper() != "Z":
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + (int(digits[2:]) if len(digits) > 2 else 0)
        offset_ms = (-1 if zone[0] == "-" else 1) * minutes * 60000
    ms = (date.toordinal() - EPOCH) * 86400000 + seconds * 1000 + millis
    return (ms - offset_ms) / 86400000


def js_number_text(value):
    """A number written as JavaScript's String() writes it ("3", "0.5", "1e-7")."""
    if value == int(value) and abs(value) < 1e21:
        return str(int(value))
    if 1e-6 <= abs(value) < 1e21:
        return np.format_float_positional(value, unique=True, trim="-")
    text = np.format_float_scientific(value, unique=True, trim="-")
    mantissa, exponent = text.split("e")
    return f"{mantissa}e{'-' if exponent.startswith('-') else '+'}{int(exponent.lstrip('+-'))}"


def as_cell(raw):
    """A record value as the text cell it stands for; None when missing."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, (int, float)):
        return js_number_text(float(raw)) if math.isfinite(raw) else None
    return str(raw)


def scale_number(scale, value):
    if scale["kind"] == "standardize":
        return (value - scale["mean"]) / scale["std"]
    if scale["kind"] == "minmax":
        return (value - scale["min"]) / (scale["max"] - scale["min"])
    return value


def category_slot(feature, cell):
    key = cell
    if feature.get("key") == "number":
        number = to_number(cell)
        key = cell if math.isnan(number) else js_number_text(number)
    if key in feature["categories"]:
        return feature["categories"].index(key)
    return len(feature["categories"]) if feature.get("other") else -1


def id_index(feature, cell):
    """An id column's value -> its index among the training values plus 1; 0 for one training never saw."""
    key = cell
    if feature.get("key") == "number":
        number = to_number(cell)
        key = cell if math.isnan(number) else js_number_text(number)
    values = feature["values"]
    return values.index(key) + 1 if key in values else 0


def prepare_tabular(transform, record):
    """One raw record (dict by column name, or list in file order) → the model's input row."""
    out = np.zeros(transform["width"], dtype=np.float32)
    tokens = {t.strip().lower() for t in transform.get("missingTokens", [])}
    for feature in transform["features"]:
        if isinstance(record, dict):
            raw = record.get(feature["name"])
        else:
            raw = record[feature["source"]] if feature["source"] < len(record) else None
        cell = as_cell(raw)
        if cell is not None and (cell == "" or cell.strip().lower() in tokens):
            cell = None
        at = feature["offset"]
        kind = feature["type"]
        if kind in ("numeric", "date"):
            read = (
                to_days
                if kind == "date"
                else to_number_decimal_comma
                if feature.get("decimalComma")
                else to_number_thousands
                if feature.get("thousands")
                else to_number
            )
            value = math.nan if cell is None else read(cell)
            out[at] = scale_number(feature["scale"], feature["fill"] if math.isnan(value) else value)
        elif kind == "boolean":
            value = math.nan if cell is None else to_boolean(cell)
            out[at] = feature["fill"] if math.isnan(value) else value
        elif kind == "categorical":
            slot = category_slot(feature, feature["fill"] if cell is None else cell)
            if slot >= 0:
                out[at + slot] = 1.0
        elif kind == "id":
            out[at] = 0 if cell is None else id_index(feature, cell)
        elif kind == "text":
            import tokenizer

            state = feature["tokenizer"]
            ids = tokenizer.Tokenizer(state).encode("" if cell is None else cell)
            out[at : at + feature["width"]] = tokenizer.to_sequence(ids, feature["width"], feature["truncate"], state["padId"])
        else:
            raise ValueError(f"metadata.json has a feature of unknown type {kind!r}")
    return out


def split_parts(parts, row, names):
    """A prepared row (a batch of one, [1, width]) cut into the dataset's parts (metadata.json's "inputs": name,
    shape and dtype in row order), one array per model input name in names, each [1, *shape] of its dtype."""
    slices, offset = {}, 0
    for part in parts:
        size = int(np.prod(part["shape"]))
        slices[part["name"]] = row[:, offset : offset + size].reshape([row.shape[0], *part["shape"]]).astype(part["dtype"])
        offset += size
    missing = [n for n in names if n not in slices]
    if missing:
        raise ValueError(
            f"the model's inputs {missing} are not parts of the dataset ({', '.join(slices)}); "
            "each Input must be named after the part it takes"
        )
    return [slices[n] for n in names]


def prepare_image(transform, path):
    """An image file → [height, width, channels] floats in 0..1 (needs Pillow)."""
    from PIL import Image

    width, height = transform["width"], transform["height"]
    image = Image.open(path).convert("RGBA")
    if transform.get("fit") == "center-crop":
        target = width / height
        w, h = image.size
        if w / h > target:
            crop = max(1, math.floor(h * target + 0.5))
            box = ((w - crop) // 2, 0, (w - crop) // 2 + crop, h)
        else:
            crop = max(1, math.floor(w / target + 0.5))
            box = (0, (h - crop) // 2, w, (h - crop) // 2 + crop)
        image = image.crop(box)
    rgba = np.asarray(image.resize((width, height), Image.BILINEAR), dtype=np.float32) / 255.0
    # Transparent pixels are composited onto black, as in the app.
    rgb = rgba[..., :3] * rgba[..., 3:4]
    if transform["channels"] == 1:
        return (0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2])[..., None]
    return rgb


def prepare_text(transform, text):
    """A raw text -> seqLen token ids (float32): tokenizer.py's ids, cut on the truncate side, padded at the end."""
    import tokenizer

    state = transform["tokenizer"]
    ids = tokenizer.Tokenizer(state).encode(text)
    return np.asarray(tokenizer.to_sequence(ids, transform["seqLen"], transform["truncate"], state["padId"]), dtype=np.float32)
`;
