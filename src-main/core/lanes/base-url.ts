export interface LaneEndpoints {
  /** The server root, where `/health` lives (vLLM, llama.cpp). */
  root: string;
  /** The OpenAI API prefix, `<root>/v1`. */
  api: string;
}

/** People paste base URLs both with and without `/v1`; both mean the same server. */
export function laneEndpoints(baseUrl: string): LaneEndpoints {
  const root = baseUrl.trim().replace(/\/+$/, '').replace(/\/v1$/, '');
  return { root, api: `${root}/v1` };
}
