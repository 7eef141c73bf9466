import type { Range } from './tokens';

// The DSL's syntax tree. Every node carries its source range, so a problem
// found at any later stage (validation, compilation, the config checks run on
// the compiled result) can be reported at an exact line and column.

export type Value =
  | { kind: 'string'; value: string; range: Range }
  | { kind: 'number'; value: number; text: string; range: Range }
  | { kind: 'bool'; value: boolean; range: Range }
  /** A bare identifier used as a value: read as a string. */
  | { kind: 'ident'; value: string; range: Range }
  | { kind: 'list'; items: Value[]; range: Range }
  | { kind: 'object'; fields: Field[]; range: Range };

export interface Field {
  key: string;
  keyRange: Range;
  value: Value;
  range: Range;
}

export interface Name {
  value: string;
  range: Range;
  /** Written as a quoted string. */
  quoted: boolean;
}

export type BoolExpr =
  | { kind: 'and' | 'or'; operands: BoolExpr[]; range: Range }
  | { kind: 'not'; operand: BoolExpr; range: Range }
  | { kind: 'paren'; inner: BoolExpr; range: Range }
  | { kind: 'ref'; type: Name; name: Name; fields: Field[]; range: Range };

export interface ModelRefNode {
  name: Name;
  options: Field[];
  range: Range;
}

export interface AlgorithmNode {
  type: Name;
  fields: Field[];
  range: Range;
}

export interface PluginRefNode {
  name: Name;
  fields: Field[];
  /** Written with braces (possibly empty). */
  braces: boolean;
  range: Range;
}

export interface CandidateForNode {
  variable: Name;
  /** `decision.candidates` (or another source name), or an explicit list. */
  source: Name | ModelRefNode[];
  outputs: ModelRefNode[][];
  range: Range;
}

export interface EmitNode {
  kind: Name;
  fields: Field[];
  range: Range;
}

/** What a ROUTE body and a DECISION_TREE branch may hold. */
export interface RouteBody {
  priority?: { value: number; range: Range };
  tier?: { value: number; range: Range };
  when?: BoolExpr;
  models: ModelRefNode[][];
  algorithm?: AlgorithmNode;
  plugins: PluginRefNode[];
  description?: { value: string; range: Range };
  fors: CandidateForNode[];
  emits: EmitNode[];
  /** DECISION_TREE branches only: `NAME x`. */
  branchName?: Name;
}

export interface SignalDecl {
  kind: 'signal';
  type: Name;
  name: Name;
  fields: Field[];
  range: Range;
}

export interface ProjectionDecl {
  kind: 'projection';
  projection: Name;
  name: Name;
  fields: Field[];
  range: Range;
}

export interface ModelDecl {
  kind: 'model';
  name: Name;
  fields: Field[];
  range: Range;
}

export interface PluginDecl {
  kind: 'plugin';
  name: Name;
  pluginType: Name;
  fields: Field[];
  range: Range;
}

export interface RoutingDecl {
  kind: 'routing';
  fields: Field[];
  range: Range;
}

export interface EntrypointDecl {
  kind: 'entrypoint';
  fields: Field[];
  range: Range;
}

export interface RouteDecl extends RouteBody {
  kind: 'route';
  name: Name;
  options: Field[];
  range: Range;
}

export interface TreeBranch extends RouteBody {
  /** Absent on the ELSE branch. */
  condition?: BoolExpr;
  range: Range;
}

export interface DecisionTreeDecl {
  kind: 'decision_tree';
  name: Name;
  branches: TreeBranch[];
  range: Range;
}

export interface TestEntry {
  query: { value: string; range: Range };
  route: Name;
  range: Range;
}

export interface TestDecl {
  kind: 'test';
  name: Name;
  entries: TestEntry[];
  range: Range;
}

export interface RecipeDecl {
  kind: 'recipe';
  name: Name;
  options: Field[];
  items: Declaration[];
  range: Range;
}

export type Declaration =
  | SignalDecl
  | ProjectionDecl
  | ModelDecl
  | PluginDecl
  | RoutingDecl
  | EntrypointDecl
  | RouteDecl
  | DecisionTreeDecl
  | TestDecl
  | RecipeDecl;

export interface Program {
  items: Declaration[];
  range: Range;
}
