/**
 * A v0.3 profile with one local model, `local/small` (at a closed port:
 * nothing is ever sent), and one decision that picks it: for every request,
 * or, given a keyword, for the requests that contain it (signal `words`).
 */
export function localPolicy(decision: string, keyword?: string): string {
  const signals =
    keyword === undefined
      ? ''
      : `  signals:
    keywords:
      - { name: words, operator: OR, keywords: [${keyword}] }
`;
  const conditions = keyword === undefined ? '[]' : '[{ type: keyword, name: words }]';
  return `version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - { name: local/small, provider_model_id: small, backend_refs: [{ name: box, base_url: "http://127.0.0.1:9/v1" }] }
routing:
  modelCards: [{ name: local/small }]
${signals}  decisions:
    - name: ${decision}
      priority: 10
      rules: { operator: AND, conditions: ${conditions} }
      modelRefs: [{ model: local/small }]
`;
}
