// TEST SUPPORT: a minimal ONNX model encoder. It writes the few protobuf
// messages a small inference graph needs (ModelProto, GraphProto, NodeProto,
// AttributeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto,
// OperatorSetIdProto) by hand in protobuf wire format, so tests need no
// protobuf library. Field numbers follow onnx/onnx.proto.

/** ONNX TensorProto.DataType values used here (DT_FLOAT is also Cast's `to`). */
export const DT_FLOAT = 1;
const DT_INT32 = 6;
const DT_INT64 = 7;

/** AttributeProto.AttributeType values used here. */
const ATTR_INT = 2;
const ATTR_INTS = 7;

/** TensorProto.DataLocation.EXTERNAL */
const LOCATION_EXTERNAL = 1;

/**
 * Opset 18 is what upstream exports with, and IR 8 is the IR that opset 18
 * needs. onnxruntime-node 1.30 accepts IR 3–13 and ai.onnx opsets up to 26.
 */
export const DEFAULT_IR_VERSION = 8;
export const DEFAULT_OPSET = 18;

/** Appends protobuf wire-format fields to a growable byte buffer. */
class ProtoWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private rawVarint(value: number | bigint): void {
    // A negative int64 is written as its 64-bit two's complement (10 bytes).
    let v = BigInt.asUintN(64, BigInt(value));
    this.ensure(10);
    while (v >= 0x80n) {
      this.buf[this.len++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.len++] = Number(v);
  }

  private tag(field: number, wireType: 0 | 2): void {
    this.rawVarint((field << 3) | wireType);
  }

  /** An int32 / int64 / enum field. */
  int(field: number, value: number | bigint): this {
    this.tag(field, 0);
    this.rawVarint(value);
    return this;
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, 2);
    this.rawVarint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** A packed `repeated int64`. */
  packedInts(field: number, values: readonly (number | bigint)[]): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.rawVarint(v);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** A dimension: a fixed size, or a symbolic name for a dynamic axis. */
export type Dim = number | string;

export type ElemType = 'float' | 'int64';

export interface TensorInit {
  name: string;
  dims: readonly number[];
  data: Float32Array | Int32Array | BigInt64Array;
}

export type AttrValue = number | readonly number[];

export interface NodeSpec {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attrs?: Readonly<Record<string, AttrValue>>;
}

export interface ValueSpec {
  name: string;
  type: ElemType;
  shape: readonly Dim[];
}

export interface GraphSpec {
  name: string;
  nodes: readonly NodeSpec[];
  initializers: readonly TensorInit[];
  inputs: readonly ValueSpec[];
  outputs: readonly ValueSpec[];
}

export interface ModelOptions {
  irVersion?: number;
  opset?: number;
}

/** Where a tensor's bytes live when the model keeps its weights in a side file. */
interface ExternalRef {
  location: string;
  offset: number;
  length: number;
}

function dataType(data: TensorInit['data']): number {
  if (data instanceof Float32Array) return DT_FLOAT;
  return data instanceof Int32Array ? DT_INT32 : DT_INT64;
}

function tensorBytes(t: TensorInit): Uint8Array {
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (count !== t.data.length)
    throw new Error(
      `tensor ${t.name}: dims [${t.dims.join(', ')}] need ${count} values, got ${t.data.length}`,
    );
  // Typed arrays are little-endian on every platform ORT ships for, as raw_data requires.
  return new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength).slice();
}

function encodeTensor(t: TensorInit, external?: ExternalRef): Uint8Array {
  const w = new ProtoWriter()
    .packedInts(1, t.dims) // dims
    .int(2, dataType(t.data)) // data_type
    .string(8, t.name); // name
  if (!external) return w.bytes(9, tensorBytes(t)).finish(); // raw_data
  const entry = (key: string, value: string): Uint8Array =>
    new ProtoWriter().string(1, key).string(2, value).finish();
  return w
    .bytes(13, entry('location', external.location)) // external_data
    .bytes(13, entry('offset', String(external.offset)))
    .bytes(13, entry('length', String(external.length)))
    .int(14, LOCATION_EXTERNAL) // data_location
    .finish();
}

function encodeAttribute(name: string, value: AttrValue): Uint8Array {
  const w = new ProtoWriter().string(1, name);
  return typeof value === 'number'
    ? w.int(3, value).int(20, ATTR_INT).finish() // i, type
    : w.packedInts(8, value).int(20, ATTR_INTS).finish(); // ints, type
}

function encodeNode(n: NodeSpec, index: number): Uint8Array {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, `${n.op}_${index}`).string(4, n.op); // name, op_type
  for (const [k, v] of Object.entries(n.attrs ?? {})) w.bytes(5, encodeAttribute(k, v));
  return w.finish();
}

function encodeValueInfo(v: ValueSpec): Uint8Array {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    // TensorShapeProto.Dimension: dim_value = 1, dim_param = 2
    const dim =
      typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d);
    shape.bytes(1, dim.finish());
  }
  const tensorType = new ProtoWriter()
    .int(1, v.type === 'float' ? DT_FLOAT : DT_INT64)
    .bytes(2, shape.finish());
  const typeProto = new ProtoWriter().bytes(1, tensorType.finish()); // TypeProto.tensor_type
  return new ProtoWriter().string(1, v.name).bytes(2, typeProto.finish()).finish();
}

function encodeModelProto(
  g: GraphSpec,
  tensors: readonly Uint8Array[],
  options: ModelOptions,
): Uint8Array {
  const graph = new ProtoWriter();
  g.nodes.forEach((n, i) => graph.bytes(1, encodeNode(n, i)));
  graph.string(2, g.name);
  for (const t of tensors) graph.bytes(5, t); // initializer
  for (const v of g.inputs) graph.bytes(11, encodeValueInfo(v));
  for (const v of g.outputs) graph.bytes(12, encodeValueInfo(v));
  const opset = new ProtoWriter()
    .string(1, '') // the default ai.onnx domain
    .int(2, options.opset ?? DEFAULT_OPSET)
    .finish();
  return new ProtoWriter()
    .int(1, options.irVersion ?? DEFAULT_IR_VERSION) // ir_version
    .string(2, 'homelane-tiny-onnx') // producer_name
    .bytes(7, graph.finish()) // graph
    .bytes(8, opset) // opset_import
    .finish();
}

/** Serialises a graph as a self-contained ONNX model. */
export function encodeModel(graph: GraphSpec, options: ModelOptions = {}): Uint8Array {
  return encodeModelProto(
    graph,
    graph.initializers.map((t) => encodeTensor(t)),
    options,
  );
}

/**
 * Serialises a graph with its float initializers in a side file, as the real
 * `model.onnx` + `model.onnx.data` exports do. Write `data` next to the model
 * as `dataFileName` (ORT finds it when loading from a path), or pass it as
 * bytes in `externalData` when loading from a buffer.
 */
export function encodeModelWithExternalData(
  graph: GraphSpec,
  dataFileName: string,
  options: ModelOptions = {},
): { model: Uint8Array; data: Uint8Array } {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const tensors = graph.initializers.map((t) => {
    if (!(t.data instanceof Float32Array)) return encodeTensor(t);
    const bytes = tensorBytes(t);
    chunks.push(bytes);
    const ref = { location: dataFileName, offset, length: bytes.length };
    offset += bytes.length;
    return encodeTensor(t, ref);
  });
  const data = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  return { model: encodeModelProto(graph, tensors, options), data };
}
