import type { RuleNode } from '../../config/schema/common';
import { RULE_COMPOSITE_FIELDS, RULE_LEAF_FIELDS, WHEN_LEAF_FIELDS } from '../field-order';
import {
  isPlainObject,
  layoutEntries,
  printList,
  printObject,
  printValue,
  quoteString,
} from './print-value';

// Rule trees as WHEN expressions (upstream DSL §5) and as composer objects.
//
// Precedence is NOT > AND > OR. AND children are joined without parentheses,
// OR groups are always parenthesised, same-operator groups are flattened and
// one-child groups collapse. Unlike upstream, a NOT whose operand prints as a
// bare conjunction gets parentheses — `NOT (a AND b)` — because `NOT a AND b`
// reads back as `(NOT a) AND b`.

interface Printed {
  text: string;
  /** The text is a bare `x AND y` chain, which needs parentheses under NOT. */
  conjunction: boolean;
}

type Operator = 'AND' | 'OR' | 'NOT';

/** The operator the router applies: AND and NOT as written, anything else as OR. */
function operatorOf(node: RuleNode): Operator {
  const operator = (node.operator ?? '').toUpperCase();
  return operator === 'AND' || operator === 'NOT' ? operator : 'OR';
}

const isLeaf = (node: RuleNode) => typeof node.type === 'string' && node.type !== '';

function printLeaf(node: RuleNode): string {
  const extras = layoutEntries(node, { order: WHEN_LEAF_FIELDS, extras: false, skip: 'empty' });
  const args = [quoteString(node.name ?? '')];
  for (const [key, value] of extras) args.push(`${key}: ${printValue(value)}`);
  return `${node.type}(${args.join(', ')})`;
}

function flatten(node: RuleNode, operator: Operator): Printed[] {
  return (node.conditions ?? []).flatMap((child) => {
    if (!isLeaf(child) && operatorOf(child) === operator && operator !== 'NOT') {
      return flatten(child, operator);
    }
    const printed = printNode(child);
    return printed ? [printed] : [];
  });
}

function printNode(node: RuleNode): Printed | undefined {
  if (isLeaf(node)) return { text: printLeaf(node), conjunction: false };
  const operator = operatorOf(node);
  if (operator === 'NOT') {
    // A NOT over several conditions has no DSL form; it is printed over their AND.
    const operands = flatten(node, 'NOT');
    const first = operands[0];
    if (!first) return undefined;
    const inner =
      operands.length === 1
        ? first
        : { text: operands.map((part) => part.text).join(' AND '), conjunction: true };
    return {
      text: inner.conjunction ? `NOT (${inner.text})` : `NOT ${inner.text}`,
      conjunction: false,
    };
  }
  const parts = flatten(node, operator);
  if (parts.length <= 1) return parts[0];
  const texts = parts.map((part) => part.text);
  return operator === 'AND'
    ? { text: texts.join(' AND '), conjunction: true }
    : { text: `(${texts.join(' OR ')})`, conjunction: false };
}

/** The expression after `WHEN`, or undefined for an empty (unconditional) rule tree. */
export function printWhen(rules: RuleNode | undefined): string | undefined {
  return rules ? printNode(rules)?.text : undefined;
}

/** A rule tree as an inline object (a complexity `composer`). */
export function printRuleObject(node: unknown): string {
  if (!isPlainObject(node)) return printValue(node);
  const rule = node as RuleNode;
  if (isLeaf(rule)) {
    return printObject(rule, { order: RULE_LEAF_FIELDS, extras: false, skip: 'empty' });
  }
  return printObject(
    { operator: rule.operator ?? '', conditions: rule.conditions ?? [] },
    {
      order: RULE_COMPOSITE_FIELDS,
      extras: false,
      print: (key, value) =>
        key === 'conditions' && Array.isArray(value)
          ? printList(value, printRuleObject)
          : printValue(value),
    },
  );
}
