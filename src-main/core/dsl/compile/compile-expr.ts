import type { KeyPath } from '../../config/diagnostics';
import type { RuleNode } from '../../config/schema/common';
import type { BoolExpr } from '../syntax/ast';
import type { CompileContext } from './context';
import { fieldsToData } from './values';

// WHEN expressions → the config's rule tree. Parentheses vanish, chains of
// the same operator flatten into one node, and a root leaf is wrapped in an
// AND (as upstream writes single-condition rules).

export function compileWhen(expr: BoolExpr, path: KeyPath, ctx: CompileContext): RuleNode {
  const node = compileNode(expr, path, ctx);
  if (node.operator !== undefined) return node;
  ctx.map.set([...path, 'conditions', 0], expr.range);
  relocate(ctx, path, [...path, 'conditions', 0], expr);
  return { operator: 'AND', conditions: [node] };
}

function unwrap(expr: BoolExpr): BoolExpr {
  return expr.kind === 'paren' ? unwrap(expr.inner) : expr;
}

function compileNode(input: BoolExpr, path: KeyPath, ctx: CompileContext): RuleNode {
  const expr = unwrap(input);
  ctx.map.set(path, expr.range);
  switch (expr.kind) {
    case 'ref': {
      const node: RuleNode = { type: expr.type.value, name: expr.name.value };
      ctx.map.set([...path, 'type'], expr.type.range);
      ctx.map.set([...path, 'name'], expr.name.range);
      Object.assign(node, fieldsToData(expr.fields, path, ctx));
      return node;
    }
    case 'not':
      return {
        operator: 'NOT',
        conditions: [compileNode(expr.operand, [...path, 'conditions', 0], ctx)],
      };
    case 'and':
    case 'or': {
      const operator = expr.kind === 'and' ? 'AND' : 'OR';
      const conditions: RuleNode[] = [];
      for (const operand of flatten(expr.kind, expr.operands)) {
        conditions.push(compileNode(operand, [...path, 'conditions', conditions.length], ctx));
      }
      return { operator, conditions };
    }
    case 'paren':
      return compileNode(expr.inner, path, ctx);
  }
}

/** `(a AND b) AND c` → [a, b, c]: same-operator groups merge into their parent. */
function flatten(kind: 'and' | 'or', operands: readonly BoolExpr[]): BoolExpr[] {
  const out: BoolExpr[] = [];
  for (const operand of operands) {
    const inner = unwrap(operand);
    if (inner.kind === kind) out.push(...flatten(kind, inner.operands));
    else out.push(operand);
  }
  return out;
}

/** A wrapped root leaf: map its parts under the new index too. */
function relocate(ctx: CompileContext, _root: KeyPath, leafPath: KeyPath, expr: BoolExpr): void {
  const leaf = unwrap(expr);
  if (leaf.kind !== 'ref') return;
  ctx.map.set([...leafPath, 'type'], leaf.type.range);
  ctx.map.set([...leafPath, 'name'], leaf.name.range);
}
