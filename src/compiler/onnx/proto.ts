import protobuf from 'protobufjs/minimal.js';

/**
 * The part of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto) the exporter writes, as plain
 * objects, and their encoding with protobufjs's Writer. The minimal Writer is used on purpose: the
 * reflection API compiles encoders with `new Function`, which the app's CSP (no 'unsafe-eval')
 * forbids in the browser. Field numbers below are onnx.proto's.
 */

export const TensorType = { FLOAT: 1, INT32: 6, INT64: 7 } as const;
export type TensorElemType = (typeof TensorType)[keyof typeof TensorType];

export interface TensorProto {
  readonly name: string;
  readonly dims: readonly number[];
  readonly dataType: TensorElemType;
  /** Little-endian values; typed arrays here are little-endian on every platform we run on. */
  readonly raw: Uint8Array;
}

export type AttributeValue =
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'floats'; readonly value: readonly number[] }
  | { readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly kind: 'strings'; readonly value: readonly string[] };

/** Attribute constructors: ONNX attributes are typed, so 1 as an int and 1.0 as a float differ. */
export const attr = {
  float: (value: number): AttributeValue => ({ kind: 'float', value }),
  int: (value: number): AttributeValue => ({ kind: 'int', value }),
  string: (value: string): AttributeValue => ({ kind: 'string', value }),
  floats: (value: readonly number[]): AttributeValue => ({ kind: 'floats', value }),
  ints: (value: readonly number[]): AttributeValue => ({ kind: 'ints', value }),
  strings: (value: readonly string[]): AttributeValue => ({ kind: 'strings', value }),
};

export interface NodeProto {
  readonly name: string;
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/** A dimension: a fixed size, or a name for a size known only at run time (the batch). */
export type OnnxDim = number | string;

export interface ValueInfoProto {
  readonly name: string;
  readonly elemType: TensorElemType;
  readonly shape: readonly OnnxDim[];
}

export interface GraphProto {
  readonly name: string;
  readonly nodes: readonly NodeProto[];
  readonly initializers: readonly TensorProto[];
  readonly inputs: readonly ValueInfoProto[];
  readonly outputs: readonly ValueInfoProto[];
}

export interface ModelProto {
  readonly irVersion: number;
  readonly opsetVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly docString?: string;
  readonly graph: GraphProto;
}

type Writer = protobuf.Writer;

/** Wire types. */
const VARINT = 0;
const FIXED32 = 5;
const LEN = 2;
const tag = (field: number, wire: number) => (field << 3) | wire;

/** AttributeProto.AttributeType. */
const ATTRIBUTE_TYPE: Record<AttributeValue['kind'], number> = {
  float: 1,
  int: 2,
  string: 3,
  floats: 6,
  ints: 7,
  strings: 8,
};

const utf8 = new TextEncoder();

function message(w: Writer, field: number, write: (w: Writer) => void): void {
  w.uint32(tag(field, LEN)).fork();
  write(w);
  w.ldelim();
}

function stringField(w: Writer, field: number, value: string): void {
  w.uint32(tag(field, LEN)).string(value);
}

function int64Field(w: Writer, field: number, value: number): void {
  w.uint32(tag(field, VARINT)).int64(value);
}

function writeAttribute(w: Writer, name: string, a: AttributeValue): void {
  stringField(w, 1, name);
  switch (a.kind) {
    case 'float':
      w.uint32(tag(2, FIXED32)).float(a.value);
      break;
    case 'int':
      int64Field(w, 3, a.value);
      break;
    case 'string':
      w.uint32(tag(4, LEN)).bytes(utf8.encode(a.value));
      break;
    case 'floats':
      for (const v of a.value) w.uint32(tag(7, FIXED32)).float(v);
      break;
    case 'ints':
      for (const v of a.value) int64Field(w, 8, v);
      break;
    case 'strings':
      for (const v of a.value) w.uint32(tag(9, LEN)).bytes(utf8.encode(v));
      break;
  }
  w.uint32(tag(20, VARINT)).int32(ATTRIBUTE_TYPE[a.kind]);
}

function writeNode(w: Writer, n: NodeProto): void {
  for (const i of n.inputs) stringField(w, 1, i);
  for (const o of n.outputs) stringField(w, 2, o);
  stringField(w, 3, n.name);
  stringField(w, 4, n.opType);
  for (const [name, a] of Object.entries(n.attributes)) message(w, 5, (m) => writeAttribute(m, name, a));
}

function writeTensor(w: Writer, t: TensorProto): void {
  for (const d of t.dims) int64Field(w, 1, d);
  w.uint32(tag(2, VARINT)).int32(t.dataType);
  stringField(w, 8, t.name);
  w.uint32(tag(9, LEN)).bytes(t.raw);
}

function writeValueInfo(w: Writer, v: ValueInfoProto): void {
  stringField(w, 1, v.name);
  // TypeProto { tensor_type = 1: Tensor { elem_type = 1, shape = 2: TensorShapeProto { dim = 1 } } }
  message(w, 2, (type) =>
    message(type, 1, (tensor) => {
      tensor.uint32(tag(1, VARINT)).int32(v.elemType);
      message(tensor, 2, (shape) => {
        for (const d of v.shape) {
          message(shape, 1, (dim) => (typeof d === 'number' ? int64Field(dim, 1, d) : stringField(dim, 2, d)));
        }
      });
    }),
  );
}

function writeGraph(w: Writer, g: GraphProto): void {
  for (const n of g.nodes) message(w, 1, (m) => writeNode(m, n));
  stringField(w, 2, g.name);
  for (const t of g.initializers) message(w, 5, (m) => writeTensor(m, t));
  for (const v of g.inputs) message(w, 11, (m) => writeValueInfo(m, v));
  for (const v of g.outputs) message(w, 12, (m) => writeValueInfo(m, v));
}

/** ModelProto → the bytes of an .onnx file. */
export function encodeModel(model: ModelProto): Uint8Array {
  const w = protobuf.Writer.create();
  int64Field(w, 1, model.irVersion);
  stringField(w, 2, model.producerName);
  stringField(w, 3, model.producerVersion);
  if (model.docString) stringField(w, 6, model.docString);
  message(w, 7, (m) => writeGraph(m, model.graph));
  // OperatorSetIdProto { domain = 1 (empty: the default ai.onnx domain), version = 2 }
  message(w, 8, (m) => {
    stringField(m, 1, '');
    int64Field(m, 2, model.opsetVersion);
  });
  return w.finish();
}
