import { z } from 'zod';

// Building blocks shared by the v0.3 schema files. Objects are "loose": keys
// the schema does not name are kept (and reported as warnings by
// unknown-keys.ts), never dropped.

/** An object whose unknown keys are kept. */
export const obj = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

/** A map of free-form settings; nothing under it is reported as unknown. */
export const openRecord = () => z.record(z.string(), z.unknown());

export const num = () => z.number();
export const str = () => z.string();
export const bool = () => z.boolean();
export const strList = () => z.array(z.string());

/** Numeric bounds used by structure and conversation predicates, and decision predicate leaves. */
export const PredicateSchema = obj({
  gt: num().optional(),
  gte: num().optional(),
  lt: num().optional(),
  lte: num().optional(),
});
export type Predicate = z.infer<typeof PredicateSchema>;

/** A boolean rule tree: a leaf has `type`, a composite has `operator` and `conditions`. */
export interface RuleNode {
  type?: string;
  name?: string;
  label?: string;
  predicate?: Predicate;
  on_error?: string;
  operator?: string;
  conditions?: RuleNode[];
  [key: string]: unknown;
}

export const RuleNodeSchema: z.ZodType<RuleNode> = z.lazy(() =>
  obj({
    type: str().optional(),
    name: str().optional(),
    label: str().optional(),
    predicate: PredicateSchema.optional(),
    on_error: str().optional(),
    operator: str().optional(),
    conditions: z.array(RuleNodeSchema).optional(),
  }),
);
