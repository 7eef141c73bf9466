import type { RouterConfig } from '../config/router-config';
import type { Router } from '../router/router';
import type { DslTestCase } from './compile/compile-program';

// TEST blocks at run time: each query goes through the real router (the
// recipe's profile, reached through one of its entrypoints) and the
// decision it gets is compared with the expected route.

export interface TestOutcome {
  test: string;
  recipe: string;
  query: string;
  line: number;
  column: number;
  expected: string;
  /** The decision the router picked (null: none matched); absent when not run. */
  actual?: string | null;
  status: 'pass' | 'fail' | 'not_run';
  /** Why it was not run, or the signal families that could not run. */
  note?: string;
}

export async function runDslTests(
  config: RouterConfig,
  router: Router,
  cases: readonly DslTestCase[],
): Promise<TestOutcome[]> {
  const outcomes: TestOutcome[] = [];
  for (const testCase of cases) {
    const model = modelFor(config, testCase.recipe);
    for (const entry of testCase.entries) {
      const base = {
        test: testCase.name,
        recipe: testCase.recipe,
        query: entry.query,
        line: entry.line,
        column: entry.column,
        expected: entry.route,
      };
      if (model === undefined) {
        outcomes.push({
          ...base,
          status: 'not_run',
          note: `no ENTRYPOINT reaches recipe "${testCase.recipe}"`,
        });
        continue;
      }
      const trace = await router.route({ text: entry.query, model });
      const unavailable = trace.unavailable_signals.map((s) => s.type);
      outcomes.push({
        ...base,
        actual: trace.decision,
        status: trace.decision === entry.route ? 'pass' : 'fail',
        ...(unavailable.length > 0
          ? { note: `without a model: ${[...new Set(unavailable)].join(', ')}` }
          : {}),
      });
    }
  }
  return outcomes;
}

/** The model name that selects a recipe: an auto name for the top level, else one of its entrypoints. */
function modelFor(config: RouterConfig, recipe: string): string | undefined {
  if (recipe === 'default') return config.autoModelNames[0] ?? 'vllm-sr/auto';
  for (const [name, target] of config.entrypoints) if (target === recipe) return name;
  return undefined;
}
