import type { z } from 'zod';
import { ApiError, apiMethods, fail, isMethodName, ok } from '../../contract';
import type { MethodName, Result } from '../../contract';
import { createLogger } from '../logger';
import type { ServiceHandlers } from './handlers';

const log = createLogger('dispatch');

/** A validation failure, flattened to what a person can act on. */
export interface InputIssue {
  path: string;
  message: string;
}

function describeIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
}

/**
 * The single entry both transports use: check the method exists, validate
 * the input against the contract, run the handler, and wrap whatever happens
 * in the result envelope. Nothing thrown by a service escapes as an exception.
 */
export async function dispatch(
  handlers: ServiceHandlers,
  method: string,
  rawInput: unknown,
): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    return fail('unknown_method', `There is no HomelaneApi method named "${method}".`);
  }
  const spec = apiMethods[method];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    const first = issues[0];
    const summary = first ? `${first.path}: ${first.message}` : 'invalid input';
    return fail('invalid_input', `Invalid input for ${method}: ${summary}`, { issues });
  }
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (error) {
    return errorResult(method, error);
  }
}

function errorResult(method: MethodName, error: unknown): Result<unknown> {
  if (error instanceof ApiError) return fail(error.code, error.message, error.details);
  log.error({ err: error, method }, 'service failed');
  return fail('internal', `${method} failed unexpectedly; the log has the details.`);
}
