import type { BoolExpr, DecisionTreeDecl, RouteDecl } from '../syntax/ast';
import type { CompileContext } from './context';

// DECISION_TREE is sugar: each branch becomes a ROUTE whose WHEN is its own
// condition AND NOT every earlier condition, with priorities that keep the
// branch order above hand-written routes (upstream's lowering).

const BASE_PRIORITY = 1_000_000;

export function lowerDecisionTree(
  tree: DecisionTreeDecl,
  treeIndex: number,
  ctx: CompileContext,
): RouteDecl[] {
  const earlier: BoolExpr[] = [];
  return tree.branches.map((branch, index) => {
    const negations: BoolExpr[] = earlier.map((condition) => ({
      kind: 'not',
      operand: { kind: 'paren', inner: condition, range: condition.range },
      range: condition.range,
    }));
    const parts = branch.condition ? [branch.condition, ...negations] : negations;
    if (branch.condition) earlier.push(branch.condition);
    const when: BoolExpr | undefined =
      parts.length === 0
        ? undefined
        : parts.length === 1
          ? parts[0]
          : {
              kind: 'and',
              operands: parts.map((p) => ({ kind: 'paren', inner: p, range: p.range })),
              range: branch.range,
            };
    if (branch.models.length === 0 && branch.fors.length === 0)
      ctx.error(
        'missing_model',
        branch.range,
        `every branch of DECISION_TREE "${tree.name.value}" needs a MODEL`,
      );
    const name = branch.branchName ?? {
      value: `${tree.name.value}__branch_${String(index + 1).padStart(2, '0')}`,
      range: branch.range,
      quoted: false,
    };
    return {
      ...branch,
      kind: 'route',
      name,
      options: [],
      priority: { value: BASE_PRIORITY - 1000 * treeIndex - index, range: branch.range },
      ...(when ? { when } : { when: undefined }),
      range: branch.range,
    };
  });
}
