/**
 * A small policy for CLI tests that leave replay records: two priced aliases
 * (a free local one and a paid one, the baseline), both answered by the
 * stand-in server at `url`, both on this machine.
 */
export function pricedStandInPolicy(url: string): string {
  return `version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - name: local/small
      provider_model_id: stand-in-small
      pricing: { currency: USD, prompt_per_1m: 0, completion_per_1m: 0 }
      backend_refs: [{ name: box, base_url: ${url}/v1 }]
    - name: cloud/big
      provider_model_id: stand-in-large
      pricing: { currency: USD, prompt_per_1m: 2, completion_per_1m: 8 }
      backend_refs: [{ name: api, base_url: ${url}/v1 }]
routing:
  modelCards:
    - { name: local/small, tags: [deployment:local] }
    - { name: cloud/big, tags: [deployment:local] }
  decisions: []
`;
}
