import type {
  ChatDone,
  ChatErrorPayload,
  ChatLane,
  ChatRemembered,
  ChatRouted,
  ChatToken,
} from '../../../contract';

// What a chat turn reports as it runs: the payloads of the contract's chat.*
// events, tagged with their type. Exactly one `done` or `error` ends a turn.

export type ChatTurnEvent =
  | ({ type: 'routed' } & ChatRouted)
  | ({ type: 'lane' } & ChatLane)
  | ({ type: 'token' } & ChatToken)
  | ({ type: 'remembered' } & ChatRemembered)
  | ({ type: 'done' } & ChatDone)
  | ({ type: 'error' } & ChatErrorPayload);

export type ChatTurnEventType = ChatTurnEvent['type'];

export type ChatTurnListener = (event: ChatTurnEvent) => void;

/** The event without its tag: the contract payload. */
export function payloadOf(event: ChatTurnEvent): Omit<ChatTurnEvent, 'type'> {
  const { type: _type, ...payload } = event;
  return payload;
}
