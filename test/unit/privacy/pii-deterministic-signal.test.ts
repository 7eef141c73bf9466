import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { RouterConfig } from '../../../src-main/core/config/router-config';
import { Router } from '../../../src-main/core/router/router';

// `pii` rules with `method: deterministic` run Homelane's detector: no model,
// the same rule fields (threshold over the finding's confidence,
// pii_types_allowed, include_history).

const CONFIG = `version: v0.3
providers:
  defaults: { default_model: cloud/big }
  models:
    - name: local/small
      provider_model_id: local/small
    - name: cloud/big
      provider_model_id: cloud/big
routing:
  modelCards: [{ name: local/small }, { name: cloud/big }]
  signals:
    pii:
      - name: any_pii
        method: deterministic
        include_history: true
      - name: secrets_only
        method: deterministic
        pii_types_allowed: [EMAIL_ADDRESS, PHONE_NUMBER, IP_ADDRESS]
  decisions:
    - name: keep_local
      priority: 10
      rules: { operator: OR, conditions: [{ type: pii, name: any_pii }] }
      modelRefs: [{ model: local/small }]
`;

async function router(text = CONFIG): Promise<Router> {
  const { config, diagnostics } = loadConfigText(text, 'pii.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return Router.create(config as RouterConfig);
}

describe('pii with the deterministic detector', () => {
  it('matches without any model, and allowed types do not count', async () => {
    const trace = await (
      await router()
    ).route({
      messages: [{ role: 'user', content: 'Write to ada@example.org about the launch.' }],
    });
    expect(trace.signals['pii']?.status).toBe('ok');
    expect(trace.matched_signals['pii']).toEqual(['any_pii']);
    expect(trace.decision).toBe('keep_local');
    expect(trace.model).toBe('local/small');
    // The signal's details name types and offsets, never the matched text.
    expect(JSON.stringify(trace.signals['pii'])).not.toContain('ada@example.org');
    expect(JSON.stringify(trace.signals['pii'])).toContain('EMAIL_ADDRESS');
  });

  it('finds a key that only the secrets rule cares about', async () => {
    const key = ['sk', 'ant', 'api03', 'FAKE'.repeat(20)].join('-');
    const trace = await (
      await router()
    ).route({
      messages: [{ role: 'user', content: `Why does this fail? ANTHROPIC_API_KEY=${key}` }],
    });
    expect(trace.matched_signals['pii']).toEqual(['any_pii', 'secrets_only']);
  });

  it('reads earlier messages only with include_history', async () => {
    const trace = await (
      await router()
    ).route({
      messages: [
        { role: 'system', content: 'The customer is reachable at +44 20 7946 0958.' },
        { role: 'user', content: 'Draft a short reply thanking them.' },
      ],
    });
    expect(trace.matched_signals['pii']).toEqual(['any_pii']);
  });

  it('stays quiet on look-alikes', async () => {
    const trace = await (
      await router()
    ).route({
      messages: [
        { role: 'user', content: 'Upgrade from v10.0.0.1 to 10.2.3; order #4451-22-9931.' },
      ],
    });
    expect(trace.matched_signals['pii'] ?? []).toEqual([]);
    expect(trace.decision).toBeNull();
  });

  it('refuses to mix model and deterministic rules in one family, saying why', async () => {
    const mixed = CONFIG.replace(
      '      - name: secrets_only\n        method: deterministic',
      '      - name: secrets_only\n        method: classifier',
    );
    const trace = await (await router(mixed)).route({ text: 'hello' });
    expect(trace.signals['pii']?.status).toBe('error');
    expect(trace.signals['pii']?.reason).toMatch(/mixes model rules and deterministic rules/);
  });
});
