import type { LayerNode, Shape } from '../../model/graph';
import type { WeightValue } from '../../model/weights';
import { attr, TensorType, type AttributeValue, type NodeProto, type TensorProto } from './proto';

/**
 * Collects the nodes and initializers of one ONNX graph. Every tensor name is unique: a layer's
 * tensors are named `<layer>/<Op>` (`/` cannot occur in a layer name, so they never collide with
 * the inputs and outputs, which carry the layers' own names).
 */
export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly taken = new Set<string>();

  /** Reserves a name as is (graph inputs and outputs). */
  reserve(name: string): string {
    if (this.taken.has(name)) throw new Error(`ONNX tensor name '${name}' is used twice`);
    this.taken.add(name);
    return name;
  }

  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    return name;
  }

  scope(prefix: string): LayerBuilder {
    return new LayerBuilder(this, prefix);
  }
}

/** A GraphBuilder seen from one layer: names get the layer's prefix. */
export class LayerBuilder {
  constructor(
    private readonly graph: GraphBuilder,
    readonly prefix: string,
  ) {}

  /** One node with one output; returns the output's name. */
  op(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}): string {
    return this.opN(opType, inputs, 1, attributes)[0]!;
  }

  /** One node with `outputs` outputs (an empty name in `inputs` is an omitted optional input). */
  opN(
    opType: string,
    inputs: readonly string[],
    outputs: number,
    attributes: Record<string, AttributeValue> = {},
  ): string[] {
    const name = this.graph.fresh(`${this.prefix}/${opType}`);
    const outs = Array.from({ length: outputs }, (_, i) => (i === 0 ? name : this.graph.fresh(`${name}:${i}`)));
    this.graph.nodes.push({ name, opType, inputs, outputs: outs, attributes });
    return outs;
  }

  /** Writes `input` under a given name (a graph output): an Identity node. */
  identityTo(input: string, output: string): void {
    this.graph.nodes.push({
      name: this.graph.fresh(`${this.prefix}/Identity`),
      opType: 'Identity',
      inputs: [input],
      outputs: [output],
      attributes: {},
    });
  }

  floats(what: string, dims: readonly number[], values: Float32Array | readonly number[]): string {
    const data = values instanceof Float32Array ? values : Float32Array.from(values);
    if (data.length !== dims.reduce((a, b) => a * b, 1))
      throw new Error(`${this.prefix}/${what}: ${data.length} values for dims [${dims.join(', ')}]`);
    return this.constant(
      what,
      dims,
      TensorType.FLOAT,
      new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
    );
  }

  /** A 1-D int64 constant: shapes, axes, pads and slice bounds. */
  int64s(what: string, values: readonly number[]): string {
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    return this.constant(what, [values.length], TensorType.INT64, new Uint8Array(data.buffer));
  }

  private constant(what: string, dims: readonly number[], dataType: TensorProto['dataType'], raw: Uint8Array): string {
    const name = this.graph.fresh(`${this.prefix}/${what}`);
    this.graph.initializers.push({ name, dims: [...dims], dataType, raw });
    return name;
  }

  /** Transposes from channels-last to channels-first ([N, ...spatial, C] → [N, C, ...spatial]). */
  toChannelsFirst(x: string, rank: number): string {
    return this.op('Transpose', [x], { perm: attr.ints([0, rank - 1, ...range(1, rank - 1)]) });
  }

  /** The inverse of toChannelsFirst. */
  toChannelsLast(x: string, rank: number): string {
    return this.op('Transpose', [x], { perm: attr.ints([0, ...range(2, rank), 1]) });
  }

  /** Reverses axis `axis` (a Slice with step -1; ONNX has no plain Reverse op). */
  reverse(x: string, axis: number): string {
    return this.op('Slice', [
      x,
      this.int64s('starts', [-1]),
      this.int64s('ends', [INT64_MIN]),
      this.int64s('axes', [axis]),
      this.int64s('steps', [-1]),
    ]);
  }
}

/** Slice bounds meaning "to the very end" in each direction (clamped by ONNX). */
export const INT64_MAX = Number.MAX_SAFE_INTEGER;
export const INT64_MIN = -Number.MAX_SAFE_INTEGER;

export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(to - from, 0) }, (_, i) => from + i);
}

/** Reorders the axes of a row-major array: out shape is `perm.map(i => shape[i])`. */
export function permuteValues(values: Float32Array, shape: readonly number[], perm: readonly number[]): Float32Array {
  const rank = shape.length;
  const outShape = perm.map((p) => shape[p]!);
  const inStrides = stridesOf(shape);
  const out = new Float32Array(values.length);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let k = 0; k < rank; k++) src += index[k]! * inStrides[perm[k]!]!;
    out[o] = values[src]!;
    for (let k = rank - 1; k >= 0; k--) {
      index[k]!++;
      if (index[k]! < outShape[k]!) break;
      index[k] = 0;
    }
  }
  return out;
}

function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let k = shape.length - 2; k >= 0; k--) strides[k] = strides[k + 1]! * shape[k + 1]!;
  return strides;
}

export type ValueType = 'float32' | 'int32';

/** What a converter sees of one layer. */
export interface ConvertContext {
  readonly node: LayerNode;
  /** Tensor names of the inputs, in input order (float32, except where `acceptsInt` says). */
  readonly inputs: readonly string[];
  readonly inShapes: readonly Shape[];
  readonly outShape: Shape;
  readonly b: LayerBuilder;
  /** A weight by its spec name (`kernel`, `forward_lstm/bias`, …); throws when absent. */
  weight(name: string): WeightValue;
  hasWeight(name: string): boolean;
}

export interface LayerConverter {
  /** Why this layer (with these params and input shapes) has no ONNX equivalent; null when it has one. */
  refuse?(node: LayerNode, inShapes: readonly Shape[]): string | null;
  /** Whether int32 inputs reach the converter as they are (Embedding); otherwise they are cast to float. */
  readonly acceptsInt?: boolean;
  /** Adds the layer's nodes; returns the name of its output tensor. */
  convert(ctx: ConvertContext): string;
}
