import type { ProfilePreview, ProfilePreviewInput } from '../../../contract';
import { hasErrors } from '../../config/diagnostics';
import { loadConfigText } from '../../config/load';
import type { FetchProfileOptions } from './fetch-profile-url';
import { summarizeProfile, toProfileDiagnostic } from './profile-summary';
import { readProfileSource } from './read-profile-source';

/** `profile.preview`: the text, its summary and every located problem; nothing is applied. */
export async function previewProfile(
  input: ProfilePreviewInput,
  fetchOptions: FetchProfileOptions = {},
): Promise<ProfilePreview> {
  const { source, name, text } = await readProfileSource(input, fetchOptions);
  const result = loadConfigText(text, source);
  const errors = result.diagnostics.filter((d) => d.severity !== 'warning').length;
  const applicable = result.config !== undefined && !hasErrors(result.diagnostics);
  return {
    source,
    name,
    text,
    bytes: Buffer.byteLength(text, 'utf8'),
    summary: result.config ? summarizeProfile(result.config) : null,
    diagnostics: result.diagnostics.map(toProfileDiagnostic),
    errorCount: errors,
    applicable,
  };
}
