import pino from 'pino';
import type { Logger } from 'pino';
import { maskSensitive } from './privacy/redact-value';

export type { Logger } from 'pino';

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function levelFromEnv(): string {
  const level = process.env['HOMELANE_LOG_LEVEL']?.toLowerCase();
  return level && LEVELS.has(level) ? level : 'info';
}

// One root logger for the process. It writes JSON lines to stderr so that
// stdout stays free for what commands print for people and scripts.
// Keys and tokens under these names never reach a log line, whatever logs them.
const REDACT = [
  'apiKey',
  'api_key',
  'authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  '*.apiKey',
  '*.api_key',
  '*.authorization',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
];

const root: Logger = pino(
  {
    name: 'homelane',
    level: levelFromEnv(),
    base: { pid: process.pid },
    redact: { paths: REDACT, censor: '[redacted]' },
    // Whatever the detector finds (keys, tokens, PII) is masked in every log line.
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg) => maskSensitive(arg)) as Parameters<typeof method>);
      },
    },
  },
  pino.destination({ fd: 2, sync: true }),
);

/** A logger tagged with the module it speaks for, e.g. `createLogger('server')`. */
export function createLogger(module: string): Logger {
  return root.child({ module });
}

export function rootLogger(): Logger {
  return root;
}
