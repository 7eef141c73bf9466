import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema } from '../../../src-main/core/config/schema/config';
import { decompileConfig } from '../../../src-main/core/dsl/decompile/decompile';
import { HAS_SHARED, SHARED_MISSING_REASON, readShared } from '../../support/shared-recipes';

const decompileYaml = (text: string) => decompileConfig(ConfigSchema.parse(parse(text)));

const RULE = `# ${'='.repeat(77)}`;
const banner = (title: string) => `${RULE}\n# ${title}\n${RULE}\n\n`;

describe.skipIf(!HAS_SHARED)(
  `upstream recipes (${HAS_SHARED ? 'present' : SHARED_MISSING_REASON})`,
  () => {
    // Upstream's maintained-recipe contract: decompiling config.yaml gives recipe.dsl byte for byte.
    it.each(['balance', 'privacy'])(
      'decompiles %s/config.yaml to exactly %s/recipe.dsl',
      (name) => {
        const config = ConfigSchema.parse(parse(readShared(`${name}/config.yaml`)));
        expect(decompileConfig(config)).toBe(readShared(`${name}/recipe.dsl`));
      },
    );

    it('never prints a key or value of providers, listeners or global', () => {
      const text = readShared('privacy/config.yaml');
      const out = decompileYaml(text);
      for (const needle of [
        'provider_model_id',
        'anthropic/claude-opus-4.6',
        'backend_refs',
        'http-8899',
        '8899',
        'auto_model_names',
        'response_cache',
        'pricing',
        'reasoning_families',
      ]) {
        expect(out, needle).not.toContain(needle);
      }
    });
  },
);

describe('layout', () => {
  it('prints SIGNALS and ROUTES banners for an empty config and ends in one newline', () => {
    const out = decompileConfig(ConfigSchema.parse({}));
    expect(out).toBe(`${banner('SIGNALS')}${RULE}\n# ROUTES\n${RULE}\n`);
  });

  it('writes the ROUTING PROFILE section only when a strategy is set', () => {
    expect(decompileYaml('routing: { decisions: [] }')).not.toContain('ROUTING');
    const out = decompileYaml('routing: { strategy: confidence }');
    expect(
      out.startsWith(
        `${banner('ROUTING PROFILE')}ROUTING {\n  strategy: confidence\n}\n\n${banner('SIGNALS')}`,
      ),
    ).toBe(true);
  });

  it('orders the sections SIGNALS, MODELS, PLUGINS, ROUTES, separated by one blank line', () => {
    const out = decompileYaml(`
routing:
  modelCards: [{ name: m }]
  signals: { language: [{ name: en }] }
  decisions:
    - { name: a, plugins: [{ type: tools }] }
    - { name: b, plugins: [{ type: tools }] }
`);
    expect(out).toBe(
      `${banner('SIGNALS')}SIGNAL language en {\n}\n\n` +
        `${banner('MODELS')}MODEL m {\n}\n\n` +
        `${banner('PLUGINS')}PLUGIN tools tools {}\n\n` +
        `${banner('ROUTES')}ROUTE a {\n  PRIORITY 0\n  PLUGIN tools\n}\n\nROUTE b {\n  PRIORITY 0\n  PLUGIN tools\n}\n`,
    );
  });

  it('never prints a key from version, providers, listeners or global', () => {
    const out = decompileYaml(`
version: v0.3
listeners: [{ name: secret-listener, address: 10.1.2.3, port: 18080 }]
providers:
  defaults: { default_model: provider-default-model }
  models:
    - name: m
      provider_model_id: vendor/hidden-id
      backend_refs: [{ endpoint: hidden-host:8000, api_key_env: HIDDEN_KEY }]
      pricing: { prompt_per_1m: 9.99 }
global:
  stores: { response_cache: { enabled: true, backend_type: memory } }
  authz: { fail_open: true }
  ratelimit: { fail_open: true }
routing:
  decisions: [{ name: r, modelRefs: [{ model: m }] }]
`);
    for (const needle of [
      'v0.3',
      'secret-listener',
      '10.1.2.3',
      '18080',
      'provider-default-model',
      'vendor/hidden-id',
      'hidden-host',
      'HIDDEN_KEY',
      '9.99',
      'response_cache',
      'backend_type',
      'fail_open',
      'authz',
      'ratelimit',
      'listeners',
      'providers',
      'global',
      'version',
    ]) {
      expect(out, needle).not.toContain(needle);
    }
    expect(out).toContain('ROUTE r {\n  PRIORITY 0\n  MODEL "m"\n}');
  });
});

describe('MODEL blocks', () => {
  const out = decompileYaml(`
routing:
  modelCards:
    - name: zeta/model
      tags: [tier:simple]
      modality: text
      quality_score: 0.58
      loras: [{ description: Math adapter, name: math-lora }, plain-lora]
      capabilities: [fast_qa]
      description: Zeta
      context_window_size: 262144
      param_size: 7
      not_in_dsl: dropped
    - name: alpha model
      quality_score: 0
  decisions:
    - { name: r, modelRefs: [{ model: undeclared }, { model: zeta/model }] }
`);

  it('prints one block per card, sorted by name, fields in the card order', () => {
    expect(out).toContain(`${banner('MODELS')}MODEL "alpha model" {
}

MODEL undeclared {
}

MODEL zeta/model {
  param_size: "7"
  context_window_size: 262144
  description: "Zeta"
  capabilities: ["fast_qa"]
  loras: [{ name: "math-lora", description: "Math adapter" }, "plain-lora"]
  tags: ["tier:simple"]
  quality_score: 0.58
  modality: "text"
}

${banner('ROUTES')}`);
    expect(out).not.toContain('not_in_dsl');
  });

  it('repeats the card’s param_size as an option of the route’s model reference', () => {
    expect(out).toContain('MODEL "undeclared",\n        "zeta/model" (param_size = "7")');
  });
});

describe('ENTRYPOINT and RECIPE blocks', () => {
  const out = decompileYaml(`
routing:
  modelCards: [{ name: local/qwen }]
  decisions: [{ name: top, priority: 1, modelRefs: [{ model: local/qwen }] }]
entrypoints:
  - { recipe: privacy, model_names: [vllm-sr/private, "vllm-sr/private two"] }
  - { model_names: [vllm-sr/auto], recipe: default }
recipes:
  - name: default
    routing: { decisions: [{ name: ignored }] }
  - name: privacy
    description: Keep "sensitive" prompts local
    routing:
      strategy: priority
      signals: { pii: [{ name: restricted, threshold: 0.8 }] }
      decisions:
        - name: sensitive
          priority: 300
          rules: { operator: AND, conditions: [{ type: pii, name: restricted }] }
          modelRefs: [{ model: cloud/remote }]
          plugins:
            - { type: router_replay, configuration: { enabled: true } }
          emits: [{ kind: retention, retention: { drop: true } }]
        - name: also
          plugins: [{ type: router_replay }]
  - name: plain recipe
`);

  it('prints the top-level profile, then the entrypoints, then each named recipe indented', () => {
    const recipes = out.slice(out.indexOf(banner('ENTRYPOINTS')));
    expect(recipes).toBe(`${banner('ENTRYPOINTS')}ENTRYPOINT {
  model_names: ["vllm-sr/private", "vllm-sr/private two"]
  recipe: "privacy"
}

ENTRYPOINT {
  model_names: ["vllm-sr/auto"]
  recipe: "default"
}

${banner('RECIPE privacy')}RECIPE privacy (description = "Keep \\"sensitive\\" prompts local") {
  ${RULE}
  # ROUTING PROFILE
  ${RULE}

  ROUTING {
    strategy: priority
  }

  ${RULE}
  # SIGNALS
  ${RULE}

  SIGNAL pii restricted {
    threshold: 0.8
  }

  ${RULE}
  # PLUGINS
  ${RULE}

  PLUGIN router_replay router_replay {}

  ${RULE}
  # ROUTES
  ${RULE}

  ROUTE sensitive {
    PRIORITY 300
    WHEN pii("restricted")
    MODEL "cloud/remote"
    PLUGIN router_replay {
      enabled: true
    }
    EMIT retention {
      drop: true
    }
  }

  ROUTE also {
    PRIORITY 0
    PLUGIN router_replay
  }

}

${banner('RECIPE plain recipe')}RECIPE "plain recipe" {
  ${RULE}
  # SIGNALS
  ${RULE}

  ${RULE}
  # ROUTES
  ${RULE}

}
`);
  });

  it('never prints the implicit default recipe, and keeps models in the shared catalog only', () => {
    expect(out).not.toContain('ignored');
    expect(out).not.toContain('RECIPE default');
    const catalog = out.slice(out.indexOf('# MODELS'), out.indexOf('# ROUTES'));
    expect(catalog).toContain('MODEL cloud/remote {\n}');
    expect(out.match(/^\s*MODEL \S+ \{$/gm)).toHaveLength(2);
  });
});
