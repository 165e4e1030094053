import type { Params } from '../../model/graph';
import { toKerasConfig } from '../../model/keras-config';
import type { LayerSpec } from '../../model/spec';
import { KERAS3_INITIALIZERS, KERAS3_LAYERS, KERAS3_SAME_ACTIVATIONS } from './keras3-layers';
import { pyCommentText, pyNumber, pyString, pyValue } from './py-literal';

/**
 * One layer of the graph → the Keras 3 constructor call that rebuilds it, written from the
 * registry's Keras mapping (`toKerasConfig`) so the Python side can never drift from what the
 * app exports as model.json.
 */

/** What writing the layers needs to tell the file around them. */
export interface LayerCodeContext {
  /** Sentences for the user: what the generated code cannot reproduce exactly. */
  readonly warnings: string[];
  /** Set when some layer uses tfjs's hard sigmoid, so model.py defines it. */
  usesTfjsHardSigmoid: boolean;
  /** Set when some layer has no Keras 3 class, so model.py defines the stand-in that raises. */
  usesUnsupportedLayer: boolean;
  /** Set when some layer comes from keras_hub, so model.py imports it. */
  usesKerasHub?: boolean;
}

export interface LayerCode {
  /** `keras.layers.Dense(...)` (or the call that raises for a layer Keras 3 lacks), possibly multi-line. */
  readonly expression: string;
  /** Comment lines (without `#`) to write above the layer. */
  readonly comments: readonly string[];
  /** Keyword arguments of the call, after the inputs (`use_causal_mask=True`). */
  readonly callKwargs?: readonly (readonly [string, string])[];
}

const INDENT = '    ';

/** `callee(\n  key=value,\n)` with one argument per line: long configs stay readable and diffable. */
function formatCall(callee: string, args: readonly (readonly [string, string])[], indent: string): string {
  if (args.length === 0) return `${callee}()`;
  const inner = indent + INDENT;
  return `${callee}(\n${args.map(([k, v]) => `${inner}${k}=${v},`).join('\n')}\n${indent})`;
}

function initializerExpr(raw: unknown, where: string, ctx: LayerCodeContext): string {
  const cls = (raw as { class_name?: unknown } | null)?.class_name;
  if (typeof cls === 'string' && KERAS3_INITIALIZERS[cls]) return KERAS3_INITIALIZERS[cls] as string;
  ctx.warnings.push(
    `${where}: initializer ${JSON.stringify(cls ?? raw)} has no Keras 3 counterpart here; Keras will be asked for it by name`,
  );
  return `keras.initializers.get(${pyString(String(cls ?? raw))})`;
}

function regularizerExpr(raw: unknown): string {
  const cfg = (raw as { config?: { l1?: unknown; l2?: unknown } } | null)?.config;
  if (!cfg) return 'None';
  const l1 = typeof cfg.l1 === 'number' ? cfg.l1 : 0;
  const l2 = typeof cfg.l2 === 'number' ? cfg.l2 : 0;
  return `keras.regularizers.L1L2(l1=${pyNumber(l1, true)}, l2=${pyNumber(l2, true)})`;
}

function activationExpr(raw: unknown, where: string, ctx: LayerCodeContext): string {
  const name = typeof raw === 'string' ? raw : 'linear';
  // Keras 3 redefined hard_sigmoid as relu6(x + 3) / 6; tfjs keeps clip(0.2·x + 0.5, 0, 1).
  if (name === 'hard_sigmoid') {
    ctx.usesTfjsHardSigmoid = true;
    return 'tfjs_hard_sigmoid';
  }
  if (!KERAS3_SAME_ACTIVATIONS.has(name)) {
    ctx.warnings.push(
      `${where}: activation '${name}' may not exist in Keras 3 or may compute something else there; check it`,
    );
  }
  return pyString(name);
}

interface CallOptions {
  readonly className: string;
  readonly config: Record<string, unknown>;
  /** Config keys Keras documents as floats. */
  readonly floatKeys: ReadonlySet<string>;
  /** `Dense 'dense_1'`: how warnings name the layer. */
  readonly where: string;
  readonly indent: string;
  /** Extra arguments written after the config (name, trainable, backward_layer). */
  readonly tail: readonly (readonly [string, string])[];
}

function keras3Call(o: CallOptions, ctx: LayerCodeContext): LayerCode {
  const target = KERAS3_LAYERS[o.className];
  if (!target) {
    ctx.usesUnsupportedLayer = true;
    ctx.warnings.push(
      `${o.where}: Keras 3 has no ${o.className} layer, so model.py cannot rebuild it; replace the marked line in build_model() by hand`,
    );
    return {
      expression: `unsupported_layer(${pyString(o.className)}, ${o.tail.find(([k]) => k === 'name')?.[1] ?? 'None'})`,
      comments: [`WARNING: Keras 3 has no ${o.className} layer; this line raises until it is replaced by hand.`],
    };
  }
  const values = new Map<string, string>();
  const comments: string[] = [];
  const callKwargs: [string, string][] = [];
  for (const [key, value] of Object.entries(o.config)) {
    if (key === 'name' || key === 'trainable') continue;
    if (target.callArgs?.includes(key)) {
      callKwargs.push([key, pyValue(value)]);
      continue;
    }
    const arg = target.renamed?.[key] ?? key;
    if (!target.args.includes(arg)) {
      if (value !== null && value !== undefined) {
        comments.push(
          `Left out ${key}=${pyCommentText(pyValue(value))}: Keras 3's ${o.className} has no such argument.`,
        );
      }
      continue;
    }
    values.set(arg, argExpr(arg, value, o, ctx));
  }
  const args = target.args.filter((a) => values.has(a)).map((a) => [a, values.get(a) as string] as const);
  const tail = target.baseKwargs ? o.tail : o.tail.filter(([k]) => k === 'name');
  const module = target.module ?? 'keras.layers';
  if (module === 'keras_hub.layers') ctx.usesKerasHub = true;
  return { expression: formatCall(`${module}.${o.className}`, [...args, ...tail], o.indent), comments, callKwargs };
}

/**
 * What goes between the parentheses when the layer is called: one tensor, a list for merges,
 * or the class's own convention (MultiHeadAttention: `query, value, key=…`), then call kwargs.
 */
export function callArguments(spec: LayerSpec, inputs: readonly string[], code: LayerCode): string {
  const target = KERAS3_LAYERS[spec.keras.className];
  const tensors = target?.callInputs
    ? target.callInputs(inputs)
    : spec.inputs.max > 1
      ? `[${inputs.join(', ')}]`
      : (inputs[0] ?? '');
  return [tensors, ...(code.callKwargs ?? []).map(([k, v]) => `${k}=${v}`)].join(', ');
}

function argExpr(arg: string, value: unknown, o: CallOptions, ctx: LayerCodeContext): string {
  if (arg.endsWith('_initializer')) return initializerExpr(value, o.where, ctx);
  if (arg.endsWith('_regularizer')) return regularizerExpr(value);
  if (arg === 'activation' || arg === 'recurrent_activation') return activationExpr(value, o.where, ctx);
  if (arg === 'layer') return innerLayerExpr(value, o, ctx);
  return pyValue(value, o.floatKeys.has(arg));
}

/** The layer a wrapper (Bidirectional, TimeDistributed) holds, as a nested constructor call. */
function innerLayerExpr(raw: unknown, o: CallOptions, ctx: LayerCodeContext): string {
  const inner = raw as { class_name?: unknown; config?: Record<string, unknown> } | null;
  const className = typeof inner?.class_name === 'string' ? inner.class_name : '';
  const config = inner?.config ?? {};
  const name = typeof config.name === 'string' ? config.name : className.toLowerCase();
  const code = keras3Call(
    { ...o, className, config, indent: o.indent + INDENT, tail: [['name', pyString(name)]] },
    ctx,
  );
  return code.expression;
}

/** Float-valued config keys of a spec, under both the registry's and Keras 3's names. */
function floatKeysOf(spec: LayerSpec): Set<string> {
  const keys = new Set<string>();
  const renamed = KERAS3_LAYERS[spec.keras.className]?.renamed ?? {};
  for (const def of spec.params) {
    if (def.kind !== 'float') continue;
    keys.add(def.key);
    if (renamed[def.key]) keys.add(renamed[def.key] as string);
  }
  return keys;
}

/**
 * The constructor call for one non-Input layer. `kerasName` is the name Keras 3 will accept
 * (see `kerasLayerName`), `label` how messages name the node.
 */
export function layerCode(
  spec: LayerSpec,
  params: Params,
  kerasName: string,
  label: string,
  ctx: LayerCodeContext,
): LayerCode {
  const config = toKerasConfig(spec, params);
  const tail: [string, string][] = [['name', pyString(kerasName)]];
  if (params.trainable === false) tail.push(['trainable', 'False']);
  const options: CallOptions = {
    className: spec.keras.className,
    config,
    floatKeys: floatKeysOf(spec),
    where: label,
    indent: INDENT,
    tail,
  };
  const backward = backwardLayerArg(spec, config, options, ctx);
  if (backward) tail.push(['backward_layer', backward]);
  return keras3Call(options, ctx);
}

/**
 * Keras 3's Bidirectional always builds its backward half with go_backwards=True and refuses a
 * forward half that also reads backwards. tfjs flips the flag instead, so an inner layer with
 * go_backwards=True gets an explicit backward layer reading forwards, which computes the same.
 */
function backwardLayerArg(
  spec: LayerSpec,
  config: Record<string, unknown>,
  o: CallOptions,
  ctx: LayerCodeContext,
): string | null {
  if (spec.keras.className !== 'Bidirectional') return null;
  const inner = config.layer as { class_name?: unknown; config?: Record<string, unknown> } | undefined;
  if (!inner?.config || inner.config.go_backwards !== true) return null;
  const name = `backward_${String(inner.config.name ?? 'rnn')}`;
  return innerLayerExpr({ ...inner, config: { ...inner.config, go_backwards: false, name } }, o, ctx);
}
