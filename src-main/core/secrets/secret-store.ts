// Where cloud API keys live. The desktop app keeps them encrypted with the OS
// keychain; headless, they come from environment variables or from a file
// only the owner can read. Values never appear in config files, errors, logs
// or traces: stores report names, never values.

/** A secret's name: a letter or `_`, then up to 127 of `A-Z a-z 0-9 _ . -`. */
export const SECRET_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

/** The longest value a store accepts (API keys are far shorter). */
export const MAX_SECRET_VALUE_LENGTH = 16_384;

export type SecretStoreErrorCode =
  | 'invalid_name'
  | 'invalid_value'
  | 'unsafe_permissions'
  | 'corrupt'
  | 'unavailable'
  | 'read_only'
  | 'io';

export interface SecretStoreErrorOptions {
  /** The file the problem is about, when there is one. */
  path?: string;
  /** The underlying error; never one whose message could hold a value. */
  cause?: unknown;
}

export class SecretStoreError extends Error {
  readonly path: string | undefined;

  constructor(
    readonly code: SecretStoreErrorCode,
    message: string,
    options: SecretStoreErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SecretStoreError';
    this.path = options.path;
  }
}

export interface SecretStore {
  /** The value stored under `name`, or undefined when there is none. */
  get(name: string): Promise<string | undefined>;
  /** Stores `value` under `name`, replacing any earlier value. */
  set(name: string, value: string): Promise<void>;
  /** Removes `name`; false when there was nothing to remove. */
  delete(name: string): Promise<boolean>;
  /** The names held, sorted; never the values. */
  list(): Promise<string[]>;
  /** What kind of store this is, e.g. `env`, `file`, `safe-storage`. */
  readonly kind: string;
  /** Whether `set` and `delete` can succeed. */
  readonly writable: boolean;
}

export function isValidSecretName(name: unknown): name is string {
  return typeof name === 'string' && SECRET_NAME_PATTERN.test(name);
}

/**
 * Throws `invalid_name` unless `name` follows the rule. The message does not
 * repeat the name: a value pasted where a name belongs must not be echoed.
 */
export function assertSecretName(name: unknown): asserts name is string {
  if (isValidSecretName(name)) return;
  const got = typeof name === 'string' ? `${name.length} characters` : typeof name;
  throw new SecretStoreError(
    'invalid_name',
    `Invalid secret name (${got}): a name starts with a letter or "_" and has at most 128 ` +
      'letters, digits, "_", "." or "-", e.g. OPENAI_API_KEY',
  );
}

/** Throws `invalid_value` for an empty or oversized value, without showing it. */
export function assertSecretValue(value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length === 0)
    throw new SecretStoreError('invalid_value', 'A secret value must be a non-empty string');
  if (value.length > MAX_SECRET_VALUE_LENGTH)
    throw new SecretStoreError(
      'invalid_value',
      `A secret value is at most ${MAX_SECRET_VALUE_LENGTH} characters (got ${value.length})`,
    );
}
