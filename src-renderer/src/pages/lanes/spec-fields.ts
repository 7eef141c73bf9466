import type { ManagedLaneSpecView } from '../../../../src-main/contract';

// The managed lane's flags as form fields: what each is called, how it is
// typed in (text, number, switch, one item per line), and the conversion
// between the spec and the form's text. The core checks the result; these
// conversions only catch what cannot be read at all (a word in a number).

export type SpecKey = keyof ManagedLaneSpecView;
export type FieldKind =
  'text' | 'number' | 'bool' | 'select' | 'lines' | 'env' | 'pairs' | 'volumes';

export interface SpecField {
  key: SpecKey;
  label: string;
  kind: FieldKind;
  hint?: string;
  options?: readonly string[];
}

export interface SpecGroup {
  title: string;
  fields: readonly SpecField[];
}

export const SPEC_GROUPS: readonly SpecGroup[] = [
  {
    title: 'Model server',
    fields: [
      { key: 'model', label: 'Model', kind: 'text', hint: 'A Hugging Face id or a path' },
      {
        key: 'servedModelNames',
        label: 'Served as (one alias per line)',
        kind: 'lines',
        hint: 'Requests for these aliases reach this container',
      },
      { key: 'maxModelLen', label: 'Max model length (tokens)', kind: 'number' },
      { key: 'maxNumSeqs', label: 'Max sequences at once', kind: 'number' },
      { key: 'gpuMemoryUtilization', label: 'GPU memory utilisation (0–1)', kind: 'number' },
      { key: 'kvCacheDtype', label: 'KV cache dtype', kind: 'text' },
      { key: 'toolCallParser', label: 'Tool-call parser', kind: 'text' },
      { key: 'reasoningParser', label: 'Reasoning parser', kind: 'text' },
      { key: 'enableAutoToolChoice', label: 'Automatic tool choice', kind: 'bool' },
      { key: 'trustRemoteCode', label: 'Trust remote code', kind: 'bool' },
      { key: 'languageModelOnly', label: 'Language model only', kind: 'bool' },
      {
        key: 'extraArgs',
        label: 'More server flags (one argument per line)',
        kind: 'lines',
      },
    ],
  },
  {
    title: 'Container',
    fields: [
      { key: 'image', label: 'Image', kind: 'text' },
      { key: 'containerName', label: 'Container name', kind: 'text' },
      { key: 'network', label: 'Docker network', kind: 'text', hint: '"host" for host networking' },
      {
        key: 'restartPolicy',
        label: 'Restart policy',
        kind: 'select',
        options: ['no', 'always', 'unless-stopped', 'on-failure'],
      },
      { key: 'bindAddress', label: 'Publish on address', kind: 'text' },
      { key: 'hostPort', label: 'Port on this machine', kind: 'number' },
      { key: 'containerPort', label: 'Port in the container', kind: 'number' },
      { key: 'listenHost', label: 'Server listens on', kind: 'text' },
      {
        key: 'startupTimeoutSeconds',
        label: 'Wait for health (seconds)',
        kind: 'number',
        hint: 'Loading a large model takes minutes',
      },
    ],
  },
  {
    title: 'Devices and access',
    fields: [
      {
        key: 'devices',
        label: 'Devices (host path:container path, one per line)',
        kind: 'pairs',
      },
      { key: 'groupAdd', label: 'Extra groups (one per line)', kind: 'lines' },
      { key: 'capAdd', label: 'Capabilities (one per line)', kind: 'lines' },
      { key: 'securityOpt', label: 'Security options (one per line)', kind: 'lines' },
      { key: 'ipcHost', label: "Share the host's IPC namespace", kind: 'bool' },
      { key: 'shmSizeBytes', label: 'Shared memory (bytes)', kind: 'number' },
      { key: 'env', label: 'Environment (NAME=value, one per line)', kind: 'env' },
      {
        key: 'volumes',
        label: 'Volumes (host path:container path[:ro], one per line)',
        kind: 'volumes',
      },
    ],
  },
];

/** The form's values: text for everything typed, booleans for switches. */
export type SpecDraft = Record<SpecKey, string | boolean>;

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

export function draftOf(spec: ManagedLaneSpecView): SpecDraft {
  const draft = {} as SpecDraft;
  for (const group of SPEC_GROUPS) {
    for (const field of group.fields) {
      const value = spec[field.key];
      switch (field.kind) {
        case 'bool':
          draft[field.key] = value === true;
          break;
        case 'lines':
          draft[field.key] = (value as string[]).join('\n');
          break;
        case 'env':
          draft[field.key] = Object.entries(value as Record<string, string>)
            .map(([name, text]) => `${name}=${text}`)
            .join('\n');
          break;
        case 'pairs':
          draft[field.key] = spec.devices
            .map((device) => `${device.hostPath}:${device.containerPath}`)
            .join('\n');
          break;
        case 'volumes':
          draft[field.key] = spec.volumes
            .map(
              (volume) =>
                `${volume.hostPath}:${volume.containerPath}${volume.readOnly ? ':ro' : ''}`,
            )
            .join('\n');
          break;
        default:
          draft[field.key] = String(value);
      }
    }
  }
  draft.name = spec.name;
  return draft;
}

/** The spec the draft describes, or the fields that cannot be read (before the core checks). */
export function specOf(draft: SpecDraft): {
  spec: Record<string, unknown>;
  problems: Partial<Record<SpecKey, string>>;
} {
  const spec: Record<string, unknown> = { name: String(draft.name).trim() };
  const problems: Partial<Record<SpecKey, string>> = {};
  for (const group of SPEC_GROUPS) {
    for (const field of group.fields) {
      const raw = draft[field.key];
      const text = typeof raw === 'string' ? raw : '';
      switch (field.kind) {
        case 'bool':
          spec[field.key] = raw === true;
          break;
        case 'number': {
          const number = Number(text.trim());
          if (text.trim() === '' || !Number.isFinite(number)) problems[field.key] = 'Type a number';
          spec[field.key] = number;
          break;
        }
        case 'lines':
          spec[field.key] = lines(text);
          break;
        case 'env': {
          const env: Record<string, string> = {};
          for (const line of lines(text)) {
            const at = line.indexOf('=');
            if (at <= 0) problems[field.key] = `"${line}" is not NAME=value`;
            else env[line.slice(0, at)] = line.slice(at + 1);
          }
          spec[field.key] = env;
          break;
        }
        case 'pairs':
        case 'volumes': {
          const entries = lines(text).map((line) => {
            const parts = line.split(':');
            const readOnly = field.kind === 'volumes' && parts.length === 3 && parts[2] === 'ro';
            if (parts.length !== 2 && !readOnly)
              problems[field.key] = `"${line}" is not host:container`;
            const [hostPath = '', containerPath = ''] = parts;
            return field.kind === 'volumes'
              ? { hostPath, containerPath, readOnly }
              : { hostPath, containerPath };
          });
          spec[field.key] = entries;
          break;
        }
        default:
          spec[field.key] = text.trim();
      }
    }
  }
  return { spec, problems };
}

/** The core's problems ("hostPort: Too big…", "devices.0.hostPath: …") by the field they name. */
export function problemsByField(problems: readonly string[]): Partial<Record<SpecKey, string>> {
  const byField: Partial<Record<SpecKey, string>> = {};
  for (const problem of problems) {
    const at = problem.indexOf(':');
    const path = at > 0 ? problem.slice(0, at) : '';
    const key = path.split('.')[0] as SpecKey;
    const message = at > 0 ? problem.slice(at + 1).trim() : problem;
    byField[key] = byField[key] ? `${byField[key]}; ${message}` : message;
  }
  return byField;
}
