import { PREDICT_PY as KERAS_PREDICT_PY } from '../python/predict-py';

/**
 * predict.py for the PyTorch model. Everything but main() (the usage text, reading metadata.json,
 * preparing the example through preprocess.py, the same file the Keras project ships, and printing
 * the result) is the Keras predict.py's own source, so the two cannot drift; only main(), which
 * builds the model and loads weights.npz, is PyTorch's.
 */

const MAIN_START = '\ndef main():';

/** The Keras predict.py up to its main(): docstring, imports and the data helpers. */
export function sharedPredictSource(): string {
  const at = KERAS_PREDICT_PY.indexOf(MAIN_START);
  if (at < 0) throw new Error('The Keras predict.py has no main() to replace');
  return KERAS_PREDICT_PY.slice(0, at).trimEnd();
}

const MAIN = String.raw`
def main():
    from types import SimpleNamespace

    parser = argparse.ArgumentParser(description="Predict with the exported PyTorch model on one example.")
    parser.add_argument("--record", help="one raw record as JSON: an object by column name, or a list in file order")
    parser.add_argument("--csv", help="a CSV file with the training columns (the label may be missing), "
                        "separated and encoded like the training file (metadata.json's csv)")
    parser.add_argument("--row", type=int, default=0, help="which data row of --csv to use (0 = first)")
    parser.add_argument("--image", help="an image file (png, jpg, ...) for image models")
    parser.add_argument("--weights", default="weights.npz", help="the weights (.npz), relative to this folder")
    add_text_arguments(parser)
    args = parser.parse_args()

    sys.path.insert(0, HERE)
    import torch
    from model import INPUT_DTYPES, INPUT_SHAPES, build_model, load_weights, resolve_path

    model = build_model()
    if os.path.exists(resolve_path(args.weights)):
        load_weights(model, args.weights)
    else:
        print(f"No {args.weights}: predicting with untrained weights.", file=sys.stderr)
    model.eval()
    metadata = read_metadata()
    transform = transform_of(metadata)
    if args.generate is not None:
        if not is_text(transform):
            sys.exit("--generate is for language models; metadata.json describes no tokenizer")
        with torch.no_grad():
            generate_text(lambda x: model(torch.as_tensor(x)).numpy(), transform, args, INPUT_DTYPES[0])
        return
    # What the shared helpers read of a Keras model: its inputs' shapes and dtypes.
    spec = SimpleNamespace(inputs=[SimpleNamespace(shape=s, dtype=d) for s, d in zip(INPUT_SHAPES, INPUT_DTYPES)])
    inputs = example_inputs(spec, transform, args, reading_of(metadata))
    with torch.no_grad():
        predictions = model(*[torch.as_tensor(np.asarray(x)) for x in inputs])
    outputs = predictions if isinstance(predictions, tuple) else (predictions,)
    describe_outputs([o.numpy() for o in outputs], metadata, transform, inputs)


if __name__ == "__main__":
    main()
`;

export function predictPy(): string {
  return `${sharedPredictSource()}\n\n${MAIN}`;
}
