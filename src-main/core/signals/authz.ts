import type { Global } from '../config/schema/global';
import type { RoleBinding } from '../config/schema/signals';
import type { RoutingRequest } from '../router/request';
import type { SignalModule, SignalOutput } from './signal-module';
import { SIGNAL_INFO } from './signal-types';

// authz (reference §2.15, §9 item 14): the roles that `role_bindings` grant
// the caller, read from identity headers that a trusted front (an auth proxy)
// sets. The leaf name is the role. A request without a user id while bindings
// exist is an error, which the request path answers with 403; the eval path
// never runs this family.

export const DEFAULT_USER_ID_HEADER = 'x-authz-user-id';
export const DEFAULT_USER_GROUPS_HEADER = 'x-authz-user-groups';

export interface AuthzIdentitySettings {
  userIdHeader: string;
  groupsHeader: string;
  /** `services.authz.fail_open: true`: a missing identity grants no role instead of failing. */
  failOpen: boolean;
}

type Settings = Record<string, unknown>;

const asSettings = (value: unknown): Settings | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Settings)
    : undefined;

function firstHeaderName(
  places: (Settings | undefined)[],
  keys: readonly string[],
): string | undefined {
  for (const place of places) {
    for (const key of keys) {
      const value = place?.[key];
      if (typeof value === 'string' && value.trim() !== '') return value.trim().toLowerCase();
    }
  }
  return undefined;
}

/**
 * Header names from `global.services.authz`, leniently: `identity.user_id_header`
 * and `identity.user_groups_header` (upstream's spelling), the same keys directly
 * under `authz`, and the variants `user_header`, `userIdHeader`, `groups_header`,
 * `user_groups_header`, `userGroupsHeader`. Defaults: `x-authz-user-id`,
 * `x-authz-user-groups`.
 */
export function authzIdentitySettings(global: Global | undefined): AuthzIdentitySettings {
  const authz = asSettings(global?.services?.['authz']);
  const places = [asSettings(authz?.['identity']), authz];
  return {
    userIdHeader:
      firstHeaderName(places, ['user_id_header', 'userIdHeader', 'user_header']) ??
      DEFAULT_USER_ID_HEADER,
    groupsHeader:
      firstHeaderName(places, [
        'user_groups_header',
        'userGroupsHeader',
        'groups_header',
        'group_header',
      ]) ?? DEFAULT_USER_GROUPS_HEADER,
    failOpen: authz?.['fail_open'] === true,
  };
}

function header(request: RoutingRequest, name: string): string | undefined {
  const headers = request.headers;
  if (!headers) return undefined;
  const direct = headers[name];
  if (typeof direct === 'string') return direct;
  // Names should arrive lower-cased; tolerate a caller that did not.
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return typeof value === 'string' ? value : undefined;
}

/** Roles granted by the bindings to this user and these groups, deduplicated, in declaration order. */
export function grantedRoles(
  bindings: readonly RoleBinding[],
  userId: string,
  groups: readonly string[],
): string[] {
  const roles: string[] = [];
  for (const binding of bindings) {
    const granted = binding.subjects.some((subject) => {
      const kind = subject.kind.trim().toLowerCase();
      if (kind === 'user') return subject.name === userId;
      if (kind === 'group') return groups.includes(subject.name);
      return false;
    });
    if (granted && !roles.includes(binding.role)) roles.push(binding.role);
  }
  return roles;
}

export const authzSignal: SignalModule<RoleBinding> = {
  type: 'authz',
  configKey: SIGNAL_INFO.authz.configKey,
  prepare(bindings, env) {
    const settings = authzIdentitySettings(env.global);
    return {
      evaluate({ request }): SignalOutput {
        const output: SignalOutput = { status: 'ok', matched: [], confidences: {}, values: {} };
        if (bindings.length === 0) return output;
        const userId = header(request, settings.userIdHeader)?.trim() ?? '';
        if (userId === '') {
          if (settings.failOpen) {
            output.details = { identity: 'missing', failOpen: true };
            return output;
          }
          const message = `no user identity: the ${settings.userIdHeader} header is missing or empty, and role_bindings are configured`;
          return { ...output, status: 'error', reason: message, errors: { authz: message } };
        }
        const groups = (header(request, settings.groupsHeader) ?? '')
          .split(',')
          .map((g) => g.trim())
          .filter((g) => g !== '');
        output.matched = grantedRoles(bindings, userId, groups);
        output.details = { userId, groups };
        return output;
      },
    };
  },
};
