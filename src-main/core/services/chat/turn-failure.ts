import type { ChatErrorKind } from '../../../contract';
import { NoLaneError } from '../../lanes/fallback';
import { isLaneError } from '../../lanes/lane-errors';
import { createLogger } from '../../logger';
import { RoutingError } from '../../router/resolve-route';

const log = createLogger('chat');

/** Why a turn ended without its answer, as people and programs read it. */
export interface TurnFailure {
  kind: ChatErrorKind;
  code: string;
  message: string;
}

export function describeFailure(error: unknown): TurnFailure {
  if (error instanceof RoutingError) {
    return { kind: 'routing', code: error.code, message: error.message };
  }
  if (error instanceof NoLaneError) {
    return { kind: 'no_lane', code: error.code, message: error.message };
  }
  if (isLaneError(error)) return { kind: 'lane', code: error.code, message: error.message };
  log.error({ err: error }, 'a chat turn failed unexpectedly');
  return {
    kind: 'internal',
    code: 'internal',
    message: 'The chat turn failed unexpectedly; the log has the details.',
  };
}
