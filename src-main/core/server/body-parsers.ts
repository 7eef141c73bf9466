import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The error code of a JSON body that is not valid UTF-8. */
export const INVALID_UTF8_CODE = 'HL_INVALID_UTF8';

export class BodyEncodingError extends Error {
  readonly statusCode = 400;
  readonly code = INVALID_UTF8_CODE;

  constructor() {
    super('The request body is not valid UTF-8; JSON has to be sent as UTF-8.');
    this.name = 'BodyEncodingError';
  }
}

type ParseDone = (error: Error | null, body?: unknown) => void;
/** Fastify's built-in JSON parser is the callback form of its body parser type. */
type CallbackJsonParser = (request: FastifyRequest, body: string, done: ParseDone) => void;

/**
 * JSON bodies are read as bytes and decoded strictly: a body that is not
 * UTF-8 is refused (400) instead of being parsed with replacement characters.
 * Parsing itself stays Fastify's (prototype-poisoning keys are refused).
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error') as CallbackJsonParser;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (request, body: Buffer, done: ParseDone) => {
      let text: string;
      try {
        text = decoder.decode(body);
      } catch {
        done(new BodyEncodingError());
        return;
      }
      parseJson(request, text, done);
    },
  );
}
