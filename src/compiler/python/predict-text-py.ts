/**
 * predict.py's text helpers (Keras and PyTorch share them, as they share the rest of predict.py):
 * a text → the ids the model reads (preprocess.prepare_text, through tokenizer.py), the most likely
 * next tokens of a language model, and `--generate`: the sampling of src/training/text/generate.ts
 * and the exported page (the last seqLen ids, padded at the end and read at the last real position;
 * temperature 0 is greedy; top-k; mulberry32 seeded like the app), so one seed gives one text.
 */
export const PREDICT_TEXT_PY = String.raw`
def add_text_arguments(parser):
    parser.add_argument("--text", help='a text, for text models ("-" reads it from standard input)')
    parser.add_argument("--generate", metavar="PROMPT",
                        help="language models: continue PROMPT, printing tokens as they are sampled")
    parser.add_argument("--length", type=int, default=200,
                        help="how many tokens --generate samples (characters, for a character tokenizer)")
    parser.add_argument("--temperature", type=float, default=0.0,
                        help="0: always the most likely token (greedy); 1: sample the model's probabilities; above 1: more random")
    parser.add_argument("--top-k", type=int, default=0, help="sample among the k most likely tokens only (0: all)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seeds the sampling: the same seed gives the same text as the web page")


def is_text(transform):
    return bool(transform) and transform.get("kind") == "text"


def ids_dtype(dtype):
    return "int32" if "int" in str(dtype) else "float32"


def text_inputs(transform, text, dtype):
    """A raw text -> [1, seqLen] token ids, exactly as in training; prints the ids the model reads."""
    import preprocess

    ids = preprocess.prepare_text(transform, sys.stdin.read() if text == "-" else text)
    print("token ids:", " ".join(str(int(i)) for i in ids))
    return [ids[None, :].astype(ids_dtype(dtype))]


def _imul(a, b):
    return (a * b) & 0xFFFFFFFF


class Mulberry32:
    """Layerloom's seeded random numbers in [0, 1) (mulberry32), the same stream as the app and the page."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def __call__(self):
        self.state = (self.state + 0x6D2B79F5) & 0xFFFFFFFF
        t = self.state
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return (t ^ (t >> 14)) / 4294967296


def sample_token(probs, temperature, top_k, rng):
    """argmax at temperature 0 (ties: lowest id); else p^(1/T) renormalised over the top-k, drawn with rng."""
    probs = [float(p) for p in probs]
    order = sorted(range(len(probs)), key=lambda i: (-probs[i], i))
    if temperature == 0:
        return order[0]
    kept = order[:top_k] if top_k > 0 else order
    logs = [math.log(max(probs[i], 1e-30)) / temperature for i in kept]
    top = max(logs)
    weights = [math.exp(v - top) for v in logs]
    r = rng() * sum(weights)
    for j, w in enumerate(weights):
        r -= w
        if r < 0:
            return kept[j]
    return kept[-1]


def describe_next_token(output, transform, inputs, shown=5):
    """A language model's output for one text: the most likely next tokens after its last real token."""
    import tokenizer

    state = transform["tokenizer"]
    ids = [int(i) for i in np.asarray(inputs[0])[0]]
    used = max((i + 1 for i, v in enumerate(ids) if v != state["padId"]), default=1)
    probs = np.asarray(output)[0, used - 1]
    print("most likely next tokens:")
    for i in np.argsort(-probs, kind="stable")[:shown]:
        print(f"  {json.dumps(tokenizer.Tokenizer(state).decode([int(i)]), ensure_ascii=False)}  id {int(i)}  {probs[i]:.4f}")


def generate_text(predict, transform, args, dtype):
    """--generate: samples args.length tokens after the prompt, printing each as it comes."""
    import tokenizer

    if transform.get("task") != "next-token":
        sys.exit("--generate is for language models (task next-token); this model classifies texts: use --text")
    if args.temperature < 0 or args.length < 0:
        sys.exit("--temperature and --length must be 0 or more")
    state = transform["tokenizer"]
    tok = tokenizer.Tokenizer(state)
    history = tok.encode(args.generate)
    if not history:
        sys.exit("--generate needs a prompt of at least one token, e.g. --generate 'The '")
    seq_len, pad = transform["seqLen"], state["padId"]
    rng = Mulberry32(args.seed)
    joiner = " " if state["kind"] == "word" else ""
    print(args.generate, end="", flush=True)
    sampled = []
    for _ in range(args.length):
        recent = history[-seq_len:]
        window = np.asarray([recent + [pad] * (seq_len - len(recent))], dtype=ids_dtype(dtype))
        probs = np.asarray(predict(window))[0, len(recent) - 1]
        next_id = sample_token(probs, args.temperature, args.top_k, rng)
        history.append(next_id)
        sampled.append(next_id)
        print(joiner + tok.decode([next_id]), end="", flush=True)
    print()
    print("generated ids:", " ".join(str(i) for i in sampled))


def describe_outputs(outputs, metadata, transform, inputs):
    if is_text(transform) and transform.get("task") == "next-token" and len(outputs) == 1:
        describe_next_token(outputs[0], transform, inputs)
        return
    for output in outputs:
        describe(output, class_names_of(metadata, transform) if len(outputs) == 1 else None)
`;
