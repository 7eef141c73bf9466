import { describe, expect, it } from 'vitest';
import { exportForUpstream } from '../../../src-main/core/config/export-upstream';
import { loadConfigText } from '../../../src-main/core/config/load';

const WITH_LOCALITY = `version: v0.3
providers:
  defaults:
    default_model: local/qwen
  models:
    # runs on the desk machine
    - name: local/qwen
      provider_model_id: qwen/qwen3.5
      locality: lan
      backend_refs: [{ name: desk, endpoint: "desk:8000" }]
    - name: cloud/big
      provider_model_id: cloud/big
      backend_refs: [{ name: api, base_url: "https://api.cloud.invalid/v1" }]
routing:
  modelCards: [{ name: local/qwen }, { name: cloud/big }]
  decisions: []
`;

describe('exporting a config for upstream', () => {
  it('drops locality and keeps everything else, comments included', () => {
    const exported = exportForUpstream(WITH_LOCALITY);
    expect(exported.removed).toEqual(['providers.models[0].locality']);
    expect(exported.text).not.toContain('locality');
    expect(exported.text).toContain('# runs on the desk machine');
    expect(exported.text.split('\n').length).toBe(WITH_LOCALITY.split('\n').length - 1);
    const reloaded = loadConfigText(exported.text, 'exported.yaml');
    expect(reloaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(reloaded.config?.models.get('local/qwen')?.provider?.locality).toBeUndefined();
  });

  it('cuts only the locality lines: long lines and quoting stay byte for byte', () => {
    const long = `      description: ${'A description long enough to be folded by a printer. '.repeat(3).trim()}\n`;
    const source = WITH_LOCALITY.replace(
      '      locality: lan\n',
      `      locality: lan   # Homelane only\n${long}      note: 'single-quoted'\n`,
    );
    const exported = exportForUpstream(source);
    expect(exported.text).toBe(source.replace('      locality: lan   # Homelane only\n', ''));
  });

  it('re-prints, unfolded, when a locality shares its line (a flow mapping, a first item key)', () => {
    const long = 'A description long enough to be folded by a printer, '.repeat(3).trim();
    const source = `version: v0.3
providers:
  models:
    - { name: local/qwen, locality: lan, backend_refs: [{ name: desk, endpoint: 'desk:8000' }] }
    - locality: cloud
      name: cloud/big
      description: ${long}
      backend_refs: [{ name: api, base_url: "https://api.cloud.invalid/v1" }]
routing:
  modelCards: [{ name: local/qwen }, { name: cloud/big }]
  decisions: []
`;
    const exported = exportForUpstream(source);
    expect(exported.removed).toEqual([
      'providers.models[0].locality',
      'providers.models[1].locality',
    ]);
    expect(exported.text).not.toContain('locality');
    expect(exported.text).toContain(`description: ${long}\n`);
    const reloaded = loadConfigText(exported.text, 'exported.yaml');
    expect(reloaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...(reloaded.config?.models.keys() ?? [])].sort()).toEqual(['cloud/big', 'local/qwen']);
  });

  it('returns a config without Homelane keys unchanged, byte for byte', () => {
    const plain = WITH_LOCALITY.replace('      locality: lan\n', '');
    expect(exportForUpstream(plain)).toEqual({ text: plain, removed: [] });
  });

  it('says so when the text is not YAML', () => {
    expect(() => exportForUpstream('a: [1, 2')).toThrow(/not valid YAML/);
  });
});
