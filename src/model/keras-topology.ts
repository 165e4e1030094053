import { uniqueName } from './build';
import { ImportError } from './import-errors';
import { quoteText } from './quote';
import { attentionCausalFlag, attentionKeywordInputs, attentionPorts } from './keras-attention-call';

/**
 * Keras topology → one flat list of layers. Nested Sequential/Model layers are dissolved:
 * their input layers are replaced by the tensors that feed them, so the result is a single
 * graph whose layers keep their Keras names (weights are matched by those names).
 */

type Json = Record<string, unknown>;

export interface FlatLayer {
  readonly id: string;
  /** Unique in the flat model; the Keras name unless two nested models reused one. */
  readonly name: string;
  /** `InputLayer` for inputs, whether the file had one or we created it. */
  readonly className: string;
  readonly config: Json;
  /** Ids of the layers feeding this one, in call order. */
  readonly inputs: readonly string[];
  /** A container above it had `trainable: false`, which freezes everything inside. */
  readonly frozen: boolean;
}

export interface FlatModel {
  readonly layers: readonly FlatLayer[];
  /** Ids of the model's outputs, in `output_layers` order. */
  readonly outputs: readonly string[];
  /** Names of the models dissolved (the outer one included): weight paths may start with them. */
  readonly containers: ReadonlySet<string>;
  readonly warnings: readonly string[];
}

/** A reference to one output tensor of one call of a layer: Keras `[layer, node, tensor]`. */
interface TensorRef {
  readonly layer: string;
  readonly node: number;
  readonly tensor: number;
}

export const CONTAINER_CLASSES = new Set(['Sequential', 'Model', 'Functional']);

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function classOf(entry: Json): string {
  const c = entry.class_name ?? entry.className;
  return typeof c === 'string' ? c : '';
}

export function configOf(entry: Json): Json {
  return isObject(entry.config) ? entry.config : {};
}

/** Keras puts the name on the entry, in its config, or (old tfjs) only in the config. */
export function nameOf(entry: Json): string {
  const n = entry.name ?? configOf(entry).name;
  return typeof n === 'string' && n !== '' ? n : '';
}

/** A Sequential's config is `{name, layers}`, or the bare layer list before Keras 2.2.3. */
export function layersOf(entry: Json): Json[] {
  const cfg = entry.config;
  const list = Array.isArray(cfg) ? cfg : isObject(cfg) ? cfg.layers : undefined;
  if (!Array.isArray(list)) throw new ImportError(`Model '${quoteText(nameOf(entry) || classOf(entry))}' has no layer list in its config`);
  return list.map((l, i) => {
    if (!isObject(l)) throw new ImportError(`Layer ${i + 1} of model '${quoteText(nameOf(entry))}' is not an object`);
    return l;
  });
}

/** The full input shape (batch first) a layer declares, in any of the spellings in use. */
export function declaredBatchShape(cfg: Json): unknown[] | undefined {
  for (const key of ['batch_input_shape', 'batch_shape', 'batchInputShape']) {
    if (Array.isArray(cfg[key])) return cfg[key] as unknown[];
  }
  for (const key of ['input_shape', 'inputShape']) {
    if (Array.isArray(cfg[key])) return [null, ...(cfg[key] as unknown[])];
  }
  return undefined;
}

function toRef(raw: unknown, where: string): TensorRef | undefined {
  if (Array.isArray(raw) && typeof raw[0] === 'string') {
    const [layer, node = 0, tensor = 0] = raw as [string, unknown, unknown];
    if (typeof node !== 'number' || typeof tensor !== 'number') throw new ImportError(`${where}: malformed tensor reference ${JSON.stringify(raw)}`);
    return { layer, node, tensor };
  }
  if (isObject(raw) && isObject(raw.config) && Array.isArray(raw.config.keras_history)) return toRef(raw.config.keras_history, where);
  return undefined;
}

/** Keras 3 call args may nest tensors in lists (merges) or dicts; collect them in order. */
function collectKerasTensors(raw: unknown, where: string, out: TensorRef[]): void {
  if (Array.isArray(raw)) for (const x of raw) collectKerasTensors(x, where, out);
  else if (isObject(raw) && raw.class_name === '__keras_tensor__') {
    const ref = toRef(raw, where);
    if (ref) out.push(ref);
  } else if (isObject(raw)) for (const x of Object.values(raw)) collectKerasTensors(x, where, out);
}

/**
 * `inbound_nodes` → one list of input refs per call. Handles Keras 1/2 and tfjs lists
 * (`[[[name, node, tensor, kwargs], …]]`, a call given as a single ref) and Keras 3
 * `{args: [keras tensors], kwargs}` objects.
 */
export function parseInboundNodes(raw: unknown, layer: string): TensorRef[][] {
  if (raw === undefined || raw === null) return [];
  const where = `Layer '${quoteText(layer)}'`;
  if (!Array.isArray(raw)) throw new ImportError(`${where} has malformed inbound_nodes (expected a list)`);
  return raw.map((call) => {
    if (isObject(call)) {
      const refs: TensorRef[] = [];
      collectKerasTensors(call.args, where, refs);
      return refs;
    }
    const single = toRef(call, where);
    if (single) return [single];
    if (!Array.isArray(call)) throw new ImportError(`${where} has a malformed inbound node ${JSON.stringify(call)}`);
    return call.map((r) => {
      const ref = toRef(r, where);
      if (!ref) throw new ImportError(`${where} has a malformed input reference ${JSON.stringify(r)}`);
      return ref;
    });
  });
}

/** `input_layers`/`output_layers`: a list of refs, one bare ref (Keras 3, single tensor) or a dict (named inputs). */
export function parseRefList(raw: unknown, what: string): TensorRef[] {
  if (isObject(raw)) return parseRefList(Object.values(raw), what);
  if (!Array.isArray(raw)) throw new ImportError(`The model has no ${what} list`);
  const single = toRef(raw, what);
  if (single) return [single];
  return raw.map((r) => {
    const ref = toRef(r, what);
    if (!ref) throw new ImportError(`The model's ${what} has a malformed entry ${JSON.stringify(r)}`);
    return ref;
  });
}

class Flattener {
  readonly layers: FlatLayer[] = [];
  readonly containers = new Set<string>();
  readonly warnings: string[] = [];
  private readonly names = new Set<string>();

  add(name: string, className: string, config: Json, inputs: readonly string[], frozen: boolean): string {
    let unique = name || className.toLowerCase();
    if (this.names.has(unique)) {
      const renamed = uniqueName(this.names, unique);
      this.warnings.push(`The name '${quoteText(unique)}' is used by two layers (nested models may reuse names); the second is renamed '${quoteText(renamed)}'.`);
      unique = renamed;
    }
    this.names.add(unique);
    const id = `n${this.layers.length + 1}`;
    this.layers.push({ id, name: unique, className, config, inputs, frozen });
    return id;
  }

  /** Expands a model; `feeds` replace its inputs (nested) or are null (top level: Input nodes). */
  expand(entry: Json, feeds: readonly string[] | null, frozen: boolean): string[] {
    const name = nameOf(entry);
    if (name) this.containers.add(name);
    const freeze = frozen || configOf(entry).trainable === false;
    return classOf(entry) === 'Sequential' ? this.sequential(entry, feeds, freeze) : this.functional(entry, feeds, freeze);
  }

  private sequential(entry: Json, feeds: readonly string[] | null, frozen: boolean): string[] {
    const model = nameOf(entry) || 'sequential';
    if (feeds && feeds.length !== 1) throw new ImportError(`Sequential model '${quoteText(model)}' is called with ${feeds.length} inputs; it takes one`);
    let current: string | null = feeds?.[0] ?? null;
    for (const layer of layersOf(entry)) {
      const cls = classOf(layer);
      const cfg = configOf(layer);
      const name = nameOf(layer);
      if (cls === 'InputLayer') {
        current ??= this.add(name, 'InputLayer', cfg, [], frozen);
      } else if (CONTAINER_CLASSES.has(cls)) {
        const outs = this.expand(layer, current === null ? null : [current], frozen);
        if (outs.length !== 1) throw new ImportError(`Model '${quoteText(name)}' inside Sequential '${quoteText(model)}' has ${outs.length} outputs; a Sequential needs one`);
        current = outs[0] as string;
      } else {
        if (current === null) {
          const shape = declaredBatchShape(cfg) ?? declaredBatchShape({ batch_input_shape: configOf(entry).build_input_shape });
          if (!shape) {
            throw new ImportError(`The first layer '${quoteText(name)}' of Sequential model '${quoteText(model)}' declares no input shape (batch_input_shape), so the model's input is unknown`, name);
          }
          current = this.add(`${name}_input`, 'InputLayer', { batch_input_shape: shape, dtype: cfg.dtype ?? 'float32' }, [], frozen);
        }
        current = this.add(name, cls, cfg, [current], frozen);
      }
    }
    if (current === null) throw new ImportError(`Sequential model '${quoteText(model)}' has no layers`);
    return [current];
  }

  private functional(entry: Json, feeds: readonly string[] | null, frozen: boolean): string[] {
    const model = nameOf(entry) || 'model';
    const cfg = configOf(entry);
    const layers = layersOf(entry);
    const inputRefs = parseRefList(cfg.input_layers, 'input_layers');
    if (feeds && feeds.length !== inputRefs.length) {
      throw new ImportError(`Model '${quoteText(model)}' takes ${inputRefs.length} inputs but is called with ${feeds.length}`);
    }
    /** Per layer, per call, the ids of its output tensors. */
    const calls = new Map<string, string[][]>();
    const byName = new Map(layers.map((l) => [nameOf(l), l]));

    // Inputs first and in input_layers order, so the graph lists them in the model's order.
    inputRefs.forEach((ref, i) => {
      const layer = byName.get(ref.layer);
      if (!layer || classOf(layer) !== 'InputLayer') {
        throw new ImportError(`Model '${quoteText(model)}' lists '${quoteText(ref.layer)}' as an input, but it is not an InputLayer of the model`);
      }
      calls.set(ref.layer, [[feeds ? (feeds[i] as string) : this.add(ref.layer, 'InputLayer', configOf(layer), [], frozen)]]);
    });

    const resolve = (ref: TensorRef): string | undefined => {
      const made = calls.get(ref.layer);
      if (!made) return undefined;
      // tfjs 1.x wrote a nested model's only call as node 1 (Teachable Machine audio).
      const call = made[ref.node] ?? (made.length === 1 ? made[0] : undefined);
      if (!call) throw new ImportError(`Model '${quoteText(model)}' refers to call ${ref.node} of layer '${quoteText(ref.layer)}', which is not in the file`, ref.layer);
      const id = call[ref.tensor];
      if (id === undefined) {
        throw new ImportError(`Layer '${quoteText(ref.layer)}' is used through its output ${ref.tensor}; layers with several outputs (return_state, say) cannot be imported`, ref.layer);
      }
      return id;
    };

    let pending = layers.filter((l) => !calls.has(nameOf(l)));
    while (pending.length > 0) {
      const waiting: Json[] = [];
      for (const layer of pending) {
        const name = nameOf(layer);
        const cls = classOf(layer);
        const nodes = parseInboundNodes(layer.inbound_nodes, name);
        if (cls === 'InputLayer' && nodes.length === 0) {
          if (feeds) throw new ImportError(`Nested model '${quoteText(model)}' has an input '${quoteText(name)}' that is not in its input_layers`, name);
          calls.set(name, [[this.add(name, 'InputLayer', configOf(layer), [], frozen)]]);
          continue;
        }
        if (nodes.length === 0) {
          this.warnings.push(`Layer '${quoteText(name)}' in model '${quoteText(model)}' is not connected to anything and was left out.`);
          continue;
        }
        if (nodes.length > 1) {
          throw new ImportError(`Layer '${quoteText(name)}' is shared: it is called ${nodes.length} times with the same weights, which a Layerloom graph cannot express`, name);
        }
        let refs = nodes[0] as TensorRef[];
        let config = configOf(layer);
        if (cls === 'MultiHeadAttention') {
          const keywordRefs = parseInboundNodes([attentionKeywordInputs(layer.inbound_nodes)], name)[0] ?? [];
          refs = attentionPorts([...refs, ...keywordRefs]);
          const causal = attentionCausalFlag(layer.inbound_nodes);
          if (causal !== undefined) config = { ...config, use_causal_mask: causal };
        }
        const ins = refs.map(resolve);
        if (ins.some((x) => x === undefined)) {
          waiting.push(layer);
          continue;
        }
        const ids = ins as string[];
        calls.set(name, [CONTAINER_CLASSES.has(cls) ? this.expand(layer, ids, frozen) : [this.add(name, cls, config, ids, frozen)]]);
      }
      if (waiting.length === pending.length) {
        const stuck = waiting[0] as Json;
        const missing = (parseInboundNodes(stuck.inbound_nodes, nameOf(stuck))[0] ?? []).find((r) => !calls.has(r.layer));
        const why = missing && !byName.has(missing.layer) ? `'${quoteText(missing.layer)}', which is not in the model` : 'layers that depend on it in turn (a cycle)';
        throw new ImportError(`Layer '${quoteText(nameOf(stuck))}' in model '${quoteText(model)}' takes input from ${why}`, nameOf(stuck));
      }
      pending = waiting;
    }

    return parseRefList(cfg.output_layers, 'output_layers').map((ref) => {
      const id = resolve(ref);
      if (id === undefined) throw new ImportError(`Model '${quoteText(model)}' lists '${quoteText(ref.layer)}' as an output, but there is no such layer`, ref.layer);
      return id;
    });
  }
}

/** Flattens a top-level model entry (`{class_name, config}`) into layers with Input layers first. */
export function flattenModel(entry: Json): FlatModel {
  const f = new Flattener();
  const outputs = f.expand(entry, null, false);
  return { layers: f.layers, outputs, containers: f.containers, warnings: f.warnings };
}
