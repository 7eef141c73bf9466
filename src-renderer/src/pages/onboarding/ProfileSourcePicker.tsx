import { FileUp, Globe, ShieldCheck } from 'lucide-react';
import type { ChangeEvent, FormEvent } from 'react';
import { PROFILE_TEXT_MAX } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { Field } from '../../components/Field';
import { Segmented } from '../../components/Segmented';
import type { SegmentedOption } from '../../components/Segmented';
import { useOnboarding } from './onboarding-store';
import type { ProfileMode } from './onboarding-store';

export const BALANCE_RECIPE_URL =
  'https://raw.githubusercontent.com/vllm-project/semantic-router/main/config/recipes/balance/config.yaml';

const MODES: SegmentedOption<ProfileMode>[] = [
  { id: 'builtin', label: "Homelane's privacy recipe", icon: ShieldCheck },
  { id: 'file', label: 'A file', icon: FileUp },
  { id: 'url', label: 'A URL', icon: Globe },
];

/** Where the profile comes from: the built-in recipe, a YAML file, or a URL. */
export function ProfileSourcePicker() {
  const client = useClient();
  const mode = useOnboarding((s) => s.mode);
  const url = useOnboarding((s) => s.url);
  const loading = useOnboarding((s) => s.preview.status === 'loading');
  const setMode = useOnboarding((s) => s.setMode);
  const setUrl = useOnboarding((s) => s.setUrl);
  const loadPreview = useOnboarding((s) => s.loadPreview);

  const choose = (next: ProfileMode) => {
    setMode(next);
    if (next === 'builtin') void loadPreview(client, { source: 'builtin' });
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > PROFILE_TEXT_MAX) {
      useOnboarding.setState({
        preview: {
          status: 'error',
          error: { code: 'invalid_input', message: `${file.name} is larger than 5 MB.` },
        },
      });
      return;
    }
    await loadPreview(client, { text: await file.text(), name: file.name });
  };

  const onFetch = (event: FormEvent) => {
    event.preventDefault();
    if (url.trim() !== '') void loadPreview(client, { url: url.trim() });
  };

  return (
    <div className="onb-source">
      <Segmented
        label="Where the profile comes from"
        options={MODES}
        value={mode}
        onChange={choose}
      />
      {mode === 'builtin' ? (
        <p className="muted">
          Private and personal requests stay on your machine or your network; only plainly
          non-sensitive, hard requests may go to a cloud model. It ships with Homelane.
        </p>
      ) : null}
      {mode === 'file' ? (
        <Field label="A v0.3 config (.yaml or .yml, at most 5 MB)">
          {({ id }) => (
            <input
              id={id}
              type="file"
              accept=".yaml,.yml"
              data-testid="profile-file"
              onChange={(event) => void onFile(event)}
            />
          )}
        </Field>
      ) : null}
      {mode === 'url' ? (
        <form className="onb-inline-form" onSubmit={onFetch}>
          <Field label="The raw URL of a v0.3 config" className="onb-grow">
            {({ id }) => (
              <input
                id={id}
                type="url"
                className="input"
                value={url}
                placeholder={BALANCE_RECIPE_URL}
                onChange={(event) => setUrl(event.target.value)}
                data-testid="profile-url"
              />
            )}
          </Field>
          <button type="submit" className="lanes-button" disabled={loading || url.trim() === ''}>
            <Globe size={14} aria-hidden="true" />
            <span>{loading ? 'Fetching…' : 'Fetch'}</span>
          </button>
          <button type="button" className="onb-link" onClick={() => setUrl(BALANCE_RECIPE_URL)}>
            Use upstream&apos;s balance recipe
          </button>
        </form>
      ) : null}
    </div>
  );
}
