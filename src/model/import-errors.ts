/**
 * Why a model file could not be imported. The message is meant for the person who picked
 * the file: it names the layer, class or format at fault and, where one exists, the way out.
 */
export class ImportError extends Error {
  constructor(
    message: string,
    /** The Keras layer name the problem is on, when it is one layer's fault. */
    readonly layer?: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/**
 * Classes Keras records for code it cannot describe as a config; each gets its own explanation.
 * A Map, because the class name comes from the file: on a `{}` table "constructor" would find
 * Object's own function.
 */
const OPAQUE_CLASSES: ReadonlyMap<string, string> = new Map([
  ['Lambda', 'a Lambda layer wraps Python code, which cannot run in the browser'],
  [
    'TensorFlowOpLayer',
    'a TensorFlowOpLayer is a raw TensorFlow operation Keras recorded from a tf.* call, which TensorFlow.js layers cannot run',
  ],
  ['TFOpLambda', 'a TFOpLambda layer is a raw TensorFlow function Keras recorded from a tf.* call'],
  ['SlicingOpLambda', 'a SlicingOpLambda layer is a tensor slice Keras recorded from Python indexing'],
]);

/** One sentence on why a layer class cannot be imported, completing "Layer 'x' (Class): …". */
export function unsupportedReason(className: string, module: unknown): string {
  const opaque = OPAQUE_CLASSES.get(className);
  if (opaque) return opaque;
  const custom = className.includes('>') || (typeof module === 'string' && module !== '' && !/^(tf_)?keras\b|^tensorflow\b/.test(module));
  if (custom) return 'a custom layer class defined in user code, whose behaviour the file does not describe';
  return 'a layer type Layerloom does not support';
}

/**
 * What kind of JSON value `value` is, for a sentence about a field holding the wrong kind ("an
 * object where a class name was expected"). The value itself is not printed: it may be huge, or
 * print as "[object Object]".
 */
export function describeJsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return `the value ${value}`;
    case 'object':
      return 'an object';
    default:
      return 'a value that is not JSON';
  }
}
