import type {
  ApiErrorData,
  MethodInput,
  MethodName,
  MethodOutput,
  Result,
} from '../../src-main/contract';

// One HomelaneApi call over HTTP (POST /api/rpc/<method>), typed by the
// contract, with the raw body kept so a test can search it.

export interface RpcAnswer<T> {
  status: number;
  result: Result<T>;
  /** The body exactly as it came over the wire. */
  raw: string;
}

function postRpc(baseUrl: string, method: string, input: unknown): Promise<Response> {
  return fetch(`${baseUrl.replace(/\/$/, '')}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
}

export async function rpcOverHttp<M extends MethodName>(
  baseUrl: string,
  method: M,
  input: MethodInput<M>,
): Promise<RpcAnswer<MethodOutput<M>>> {
  const response = await postRpc(baseUrl, method, input);
  const raw = await response.text();
  return { status: response.status, result: JSON.parse(raw) as Result<MethodOutput<M>>, raw };
}

/**
 * A call by any name with any input, unchecked by the contract's types (to
 * see what the server refuses), and its body as parsed JSON.
 */
export async function rpcBody<Body = unknown>(
  baseUrl: string,
  method: string,
  input: unknown,
): Promise<{ status: number; body: Body }> {
  const response = await postRpc(baseUrl, method, input);
  return { status: response.status, body: (await response.json()) as Body };
}

/** The data of a call that must have worked (else the test fails with the error). */
export function dataOf<T>(result: Result<T>): T {
  if (!result.ok)
    throw new Error(`expected a result, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** The error of a call that must have failed. */
export function errorOf<T>(result: Result<T>): ApiErrorData {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return result.error;
}
