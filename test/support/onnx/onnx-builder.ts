// TEST SUPPORT: tiny ONNX graphs with the inputs and outputs of upstream's
// mmBERT exports (input_ids / attention_mask int64 [batch, seq]), whose every
// number comes from a table a test writes by hand:
//   hidden[b, s] = table[input_ids[b, s]]
// so the expected output can be worked out on paper. The table is stored
// compactly (a row index per token id plus the distinct rows), so a vocabulary
// of hundreds of tokens still makes a model of a few KB.
import type { GraphSpec, ModelOptions, NodeSpec, TensorInit, ValueSpec } from './onnx-proto';
import { DT_FLOAT, encodeModel, encodeModelWithExternalData } from './onnx-proto';

/** A matrix as rows; every row has the same length. */
export type Matrix = readonly (readonly number[])[];

const IDS_INPUT: ValueSpec = { name: 'input_ids', type: 'int64', shape: ['batch', 'seq'] };
const MASK_INPUT: ValueSpec = { name: 'attention_mask', type: 'int64', shape: ['batch', 'seq'] };

/** [vocab][W] → `row_of` int32 [vocab] and `rows` float [distinct][W]. */
function tableTensors(table: Matrix): TensorInit[] {
  const width = table[0]?.length ?? 0;
  if (table.length === 0 || width === 0) throw new Error('the table is empty');
  const index = new Map<string, number>();
  const distinct: (readonly number[])[] = [];
  const rowOf = new Int32Array(table.length);
  table.forEach((row, id) => {
    if (row.length !== width)
      throw new Error(`table row ${id} has ${row.length} values, expected ${width}`);
    const key = row.join(',');
    let at = index.get(key);
    if (at === undefined) {
      at = distinct.length;
      index.set(key, at);
      distinct.push(row);
    }
    rowOf[id] = at;
  });
  const rows = new Float32Array(distinct.length * width);
  distinct.forEach((row, r) => rows.set(row, r * width));
  return [
    { name: 'row_of', dims: [table.length], data: rowOf },
    { name: 'rows', dims: [distinct.length, width], data: rows },
  ];
}

function vectorTensor(name: string, values: readonly number[]): TensorInit {
  return { name, dims: [values.length], data: Float32Array.from(values) };
}

function int64Tensor(name: string, values: readonly number[]): TensorInit {
  return { name, dims: [values.length], data: BigInt64Array.from(values, (v) => BigInt(v)) };
}

/** input_ids → `hidden` float [b, s, W]: two Gathers through the compact table. */
const LOOKUP: readonly NodeSpec[] = [
  { op: 'Gather', inputs: ['row_of', 'input_ids'], outputs: ['row_ids'], attrs: { axis: 0 } },
  { op: 'Gather', inputs: ['rows', 'row_ids'], outputs: ['hidden'], attrs: { axis: 0 } },
];

/** attention_mask int64 [b, s] → `mask3` float [b, s, 1], ready to broadcast over W. */
const MASK: readonly NodeSpec[] = [
  { op: 'Cast', inputs: ['attention_mask'], outputs: ['mask_f'], attrs: { to: DT_FLOAT } },
  { op: 'Unsqueeze', inputs: ['mask_f', 'axis_last'], outputs: ['mask3'] },
];

export interface EmbeddingGraphSpec {
  /** [vocab][H]: the hidden state of token id i, at any position, is row i. */
  table: Matrix;
  /**
   * 'unused' (default): attention_mask is declared but not read, so padded
   * positions keep their table row (as a real encoder's padded outputs are
   * not zero) and only masked pooling on the caller's side ignores them.
   * 'multiply': padded positions come out as zero vectors.
   */
  mask?: 'unused' | 'multiply';
}

/** inputs → `last_hidden_state` float [batch, seq, H]. */
export function embeddingGraph(spec: EmbeddingGraphSpec): GraphSpec {
  const hidden = spec.table[0]?.length ?? 0;
  const multiply = spec.mask === 'multiply';
  return {
    name: 'tiny_embedding',
    nodes: multiply
      ? [
          ...LOOKUP,
          ...MASK,
          { op: 'Mul', inputs: ['hidden', 'mask3'], outputs: ['last_hidden_state'] },
        ]
      : [LOOKUP[0] as NodeSpec, { ...(LOOKUP[1] as NodeSpec), outputs: ['last_hidden_state'] }],
    initializers: [
      ...tableTensors(spec.table),
      ...(multiply ? [int64Tensor('axis_last', [-1])] : []),
    ],
    inputs: [IDS_INPUT, MASK_INPUT],
    outputs: [{ name: 'last_hidden_state', type: 'float', shape: ['batch', 'seq', hidden] }],
  };
}

export interface SequenceClassifierGraphSpec {
  /** [vocab][L]: each token's contribution to the logits. */
  table: Matrix;
  /** [L], zeros when absent. */
  bias?: readonly number[];
  /**
   * 'sum' (default): logits = bias + Σ over unmasked positions of table[id].
   * 'mean': the same sum divided by the number of unmasked positions.
   */
  pooling?: 'sum' | 'mean';
}

/** inputs → `logits` float [batch, L]. */
export function sequenceClassifierGraph(spec: SequenceClassifierGraphSpec): GraphSpec {
  const labels = spec.table[0]?.length ?? 0;
  const mean = spec.pooling === 'mean';
  const reduce = (input: string, output: string): NodeSpec => ({
    op: 'ReduceSum',
    inputs: [input, 'axis_seq'],
    outputs: [output],
    attrs: { keepdims: 0 },
  });
  return {
    name: 'tiny_sequence_classifier',
    nodes: [
      ...LOOKUP,
      ...MASK,
      { op: 'Mul', inputs: ['hidden', 'mask3'], outputs: ['masked'] },
      reduce('masked', mean ? 'summed' : 'pooled'),
      ...(mean
        ? [
            reduce('mask3', 'count'),
            { op: 'Div', inputs: ['summed', 'count'], outputs: ['pooled'] },
          ]
        : []),
      { op: 'Add', inputs: ['pooled', 'bias'], outputs: ['logits'] },
    ],
    initializers: [
      ...tableTensors(spec.table),
      vectorTensor('bias', checkedBias(spec.bias, labels)),
      int64Tensor('axis_last', [-1]),
      int64Tensor('axis_seq', [1]),
    ],
    inputs: [IDS_INPUT, MASK_INPUT],
    outputs: [{ name: 'logits', type: 'float', shape: ['batch', labels] }],
  };
}

export interface TokenClassifierGraphSpec {
  /** [vocab][L]: each token's label logits. */
  table: Matrix;
  /** [L], zeros when absent. */
  bias?: readonly number[];
}

/** inputs → `logits` float [batch, seq, L] = table[ids] + bias (mask declared, unused). */
export function tokenClassifierGraph(spec: TokenClassifierGraphSpec): GraphSpec {
  const labels = spec.table[0]?.length ?? 0;
  return {
    name: 'tiny_token_classifier',
    nodes: [...LOOKUP, { op: 'Add', inputs: ['hidden', 'bias'], outputs: ['logits'] }],
    initializers: [
      ...tableTensors(spec.table),
      vectorTensor('bias', checkedBias(spec.bias, labels)),
    ],
    inputs: [IDS_INPUT, MASK_INPUT],
    outputs: [{ name: 'logits', type: 'float', shape: ['batch', 'seq', labels] }],
  };
}

function checkedBias(bias: readonly number[] | undefined, labels: number): readonly number[] {
  const values = bias ?? new Array<number>(labels).fill(0);
  if (values.length !== labels)
    throw new Error(`bias has ${values.length} values, expected ${labels}`);
  return values;
}

/**
 * Encodes a graph as `model.onnx` bytes, or, given `dataFileName`, as a model
 * plus the side file its float weights live in (the real exports' layout).
 */
export function encodeGraph(
  graph: GraphSpec,
  dataFileName?: string,
  options?: ModelOptions,
): { model: Uint8Array; data: Uint8Array | null } {
  if (dataFileName === undefined) return { model: encodeModel(graph, options), data: null };
  return encodeModelWithExternalData(graph, dataFileName, options);
}
