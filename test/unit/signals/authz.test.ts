import { describe, expect, it } from 'vitest';
import type { Global } from '../../../src-main/core/config/schema/global';
import type { RoleBinding } from '../../../src-main/core/config/schema/signals';
import type { RoutingRequest } from '../../../src-main/core/router/request';
import { authzIdentitySettings, authzSignal } from '../../../src-main/core/signals/authz';
import type { SignalOutput } from '../../../src-main/core/signals/signal-module';
import { buildTextViews } from '../../../src-main/core/signals/text-views';

const BINDINGS: RoleBinding[] = [
  { name: 'admin-binding', role: 'admin', subjects: [{ kind: 'Group', name: 'platform-admins' }] },
  {
    name: 'premium-binding',
    role: 'premium_user',
    subjects: [
      { kind: 'Group', name: 'premium-tier' },
      { kind: 'User', name: 'bob' },
    ],
  },
  { name: 'bob-again', role: 'premium_user', subjects: [{ kind: 'user', name: 'bob' }] },
  { name: 'free-binding', role: 'free_user', subjects: [{ kind: 'Group', name: 'free-tier' }] },
];

async function run(
  headers: Record<string, string> | undefined,
  global: Global = {},
  bindings: RoleBinding[] = BINDINGS,
): Promise<SignalOutput> {
  const request: RoutingRequest = { text: 'hi', ...(headers ? { headers } : {}) };
  const prepared = await authzSignal.prepare(bindings, { ml: {}, global, kbs: new Map() });
  return prepared.evaluate({ request, views: buildTextViews(request) });
}

describe('authzSignal', () => {
  it('grants the roles of bindings naming the user or one of the groups, once each, in order', async () => {
    const out = await run({
      'x-authz-user-id': 'bob',
      'x-authz-user-groups': 'free-tier, platform-admins',
    });
    expect(out.status).toBe('ok');
    expect(out.matched).toEqual(['admin', 'premium_user', 'free_user']);
    expect(out.confidences).toEqual({});
  });

  it('grants nothing to a known user without bindings', async () => {
    const out = await run({ 'x-authz-user-id': 'carol' });
    expect(out.status).toBe('ok');
    expect(out.matched).toEqual([]);
  });

  it('compares subject names exactly', async () => {
    expect((await run({ 'x-authz-user-id': 'Bob' })).matched).toEqual([]);
    expect(
      (await run({ 'x-authz-user-id': 'x', 'x-authz-user-groups': 'Premium-Tier' })).matched,
    ).toEqual([]);
  });

  it('is an error when bindings exist and the user id is missing or blank', async () => {
    const cases: (Record<string, string> | undefined)[] = [
      undefined,
      {},
      { 'x-authz-user-id': '  ' },
      { 'x-authz-user-groups': 'free-tier' },
    ];
    for (const headers of cases) {
      const out = await run(headers);
      expect(out.status).toBe('error');
      expect(out.matched).toEqual([]);
      expect(out.errors?.['authz']).toMatch(/x-authz-user-id/);
    }
  });

  it('needs no identity when no bindings are configured', async () => {
    const out = await run(undefined, {}, []);
    expect(out.status).toBe('ok');
    expect(out.matched).toEqual([]);
  });

  it('grants nothing instead of failing when authz is fail-open', async () => {
    const out = await run(undefined, { services: { authz: { fail_open: true } } });
    expect(out.status).toBe('ok');
    expect(out.matched).toEqual([]);
  });

  it('reads the header names configured under services.authz.identity', async () => {
    const global: Global = {
      services: {
        authz: { identity: { user_id_header: 'X-JWT-Sub', user_groups_header: 'x-jwt-groups' } },
      },
    };
    const out = await run({ 'x-jwt-sub': 'alice', 'x-jwt-groups': 'platform-admins' }, global);
    expect(out.matched).toEqual(['admin']);
    const missing = await run({ 'x-authz-user-id': 'alice' }, global);
    expect(missing.status).toBe('error');
    expect(missing.errors?.['authz']).toMatch(/x-jwt-sub/);
  });

  it('tolerates header names that were not lower-cased', async () => {
    expect((await run({ 'X-Authz-User-Id': 'bob' })).matched).toEqual(['premium_user']);
  });
});

describe('authzIdentitySettings', () => {
  it('defaults to the x-authz headers', () => {
    expect(authzIdentitySettings({})).toEqual({
      userIdHeader: 'x-authz-user-id',
      groupsHeader: 'x-authz-user-groups',
      failOpen: false,
    });
  });

  it('accepts the keys directly under authz too', () => {
    expect(
      authzIdentitySettings({
        services: { authz: { user_header: 'x-user', groups_header: 'X-Groups' } },
      }),
    ).toEqual({ userIdHeader: 'x-user', groupsHeader: 'x-groups', failOpen: false });
  });
});
