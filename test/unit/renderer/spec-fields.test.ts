import { describe, expect, it } from 'vitest';
import {
  defaultManagedLaneSpec,
  parseManagedLaneSpec,
} from '../../../src-main/core/lanes/managed/managed-lane-spec';
import {
  SPEC_GROUPS,
  draftOf,
  problemsByField,
  specOf,
} from '../../../src-renderer/src/pages/lanes/spec-fields';

const reference = defaultManagedLaneSpec(['local/small', 'cloud/big'], {
  env: {},
  home: '/home/ana',
});

describe('the flags form', () => {
  it('has a field for every flag of the spec but its name', () => {
    const keys = SPEC_GROUPS.flatMap((group) => group.fields.map((field) => field.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys, 'name'].sort()).toEqual(Object.keys(reference).sort());
  });

  it('gives back the same spec it was filled from', () => {
    const { spec, problems } = specOf(draftOf(reference));
    expect(problems).toEqual({});
    expect(parseManagedLaneSpec(spec)).toEqual(reference);
  });

  it('reads typed lines: lists, NAME=value, host:container[:ro]', () => {
    const draft = {
      ...draftOf(reference),
      servedModelNames: ' local/small \n\n cloud/big ',
      env: 'A=1\nB=x=y',
      volumes: '/data:/models:ro\n/cache:/root/.cache',
      devices: '/dev/kfd:/dev/kfd',
      maxModelLen: '32768',
      trustRemoteCode: false,
    };
    const { spec, problems } = specOf(draft);
    expect(problems).toEqual({});
    expect(spec).toMatchObject({
      servedModelNames: ['local/small', 'cloud/big'],
      env: { A: '1', B: 'x=y' },
      volumes: [
        { hostPath: '/data', containerPath: '/models', readOnly: true },
        { hostPath: '/cache', containerPath: '/root/.cache', readOnly: false },
      ],
      devices: [{ hostPath: '/dev/kfd', containerPath: '/dev/kfd' }],
      maxModelLen: 32768,
      trustRemoteCode: false,
    });
  });

  it('names the fields it cannot read before the core is asked', () => {
    const { problems } = specOf({
      ...draftOf(reference),
      hostPort: 'eighty',
      env: 'JUSTANAME',
      devices: '/dev/kfd',
    });
    expect(Object.keys(problems).sort()).toEqual(['devices', 'env', 'hostPort']);
  });

  it("puts the core's problems on the fields they name", () => {
    expect(
      problemsByField([
        'hostPort: Too big: expected number to be <=65535',
        'devices.0.hostPath: Too small',
        'devices.1.hostPath: Too small',
      ]),
    ).toEqual({
      hostPort: 'Too big: expected number to be <=65535',
      devices: 'Too small; Too small',
    });
  });
});
