import { apiMethods, fail, isMethodName } from '../contract';
import type { Result } from '../contract';

/**
 * Checks a call from the window against the contract before it leaves main:
 * the method must exist and its input must match the method's zod schema.
 * Returns the error result to send back, or null when the call may go on to
 * the core (which validates it again in `dispatch`, as every transport does).
 */
export function checkCall(method: string, input: unknown): Result<never> | null {
  if (!isMethodName(method)) {
    return fail('unknown_method', `There is no HomelaneApi method named "${method}".`);
  }
  const parsed = apiMethods[method].input.safeParse(input ?? {});
  if (parsed.success) return null;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
  const first = issues[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid input';
  return fail('invalid_input', `Invalid input for ${method}: ${summary}`, { issues });
}
