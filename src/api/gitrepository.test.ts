import { describe, expect, it } from 'vitest';
import type { GitRepository } from './gitrepository-types.js';
import { gitRepositoryWithDefaults, validateGitRepository } from './gitrepository.js';

const minimal = (spec: Partial<GitRepository['spec']> = {}): GitRepository => ({
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  metadata: { name: 'podinfo', namespace: 'flux-system' },
  spec: { url: 'https://github.com/stefanprodan/podinfo', interval: '1m', ...spec },
});

describe('gitRepositoryWithDefaults', () => {
  it('applies the schema and controller defaults to a minimal object', () => {
    const out = gitRepositoryWithDefaults(minimal());
    expect(out.spec).toEqual({
      url: 'https://github.com/stefanprodan/podinfo', interval: '1m', timeout: '60s', provider: 'generic', ref: { branch: 'master' },
    });
    expect(out.status).toEqual({ observedGeneration: -1 });
  });

  it('keeps what the user set and defaults verify.mode to HEAD', () => {
    const out = gitRepositoryWithDefaults(minimal({ timeout: '30s', ref: { tag: 'v1.0.0' }, verify: { secretRef: { name: 'pgp' } } }));
    expect(out.spec).toMatchObject({ timeout: '30s', ref: { tag: 'v1.0.0' }, verify: { mode: 'HEAD', secretRef: { name: 'pgp' } } });
    expect(out.spec.ref).not.toHaveProperty('branch');
  });

  it('defaults the branch of an empty ref', () => {
    expect(gitRepositoryWithDefaults(minimal({ ref: {} })).spec.ref).toEqual({ branch: 'master' });
  });

  it('does not touch an existing status or the input', () => {
    const input = { ...minimal(), status: { observedGeneration: 3 } };
    expect(gitRepositoryWithDefaults(input).status).toEqual({ observedGeneration: 3 });
    expect(input.spec).not.toHaveProperty('timeout');
  });
});

describe('validateGitRepository', () => {
  it('accepts a minimal and a full object', () => {
    expect(validateGitRepository(minimal())).toEqual([]);
    expect(validateGitRepository(minimal({
      url: 'ssh://git@github.com:22/org/repo.git', provider: 'azure', serviceAccountName: 'sa', timeout: '1m30s',
      ref: { branch: 'main', commit: 'abc' }, verify: { mode: 'TagAndHEAD', secretRef: { name: 'keys' } },
      include: [{ repository: { name: 'other' }, toPath: 'vendor' }], sparseCheckout: ['deploy'], recurseSubmodules: true,
    }))).toEqual([]);
  });

  it('rejects the scp form of a Git URL', () => {
    expect(validateGitRepository(minimal({ url: 'git@github.com:org/repo.git' }))).toEqual([
      `spec.url: Invalid value: "git@github.com:org/repo.git": spec.url in body should match '^(http|https|ssh)://.*$'`,
    ]);
  });

  it('requires url and interval', () => {
    expect(validateGitRepository({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name: 'x' }, spec: {} }))
      .toEqual(['spec.interval: Required value', 'spec.url: Required value']);
  });

  it('checks the duration patterns: no hours in timeout, no spaces or days anywhere', () => {
    expect(validateGitRepository(minimal({ interval: '1d', timeout: '1h' }))).toEqual([
      `spec.interval: Invalid value: "1d": spec.interval in body should match '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$'`,
      `spec.timeout: Invalid value: "1h": spec.timeout in body should match '^([0-9]+(\\.[0-9]+)?(ms|s|m))+$'`,
    ]);
  });

  it('checks enums and nested required fields', () => {
    const obj = minimal({ provider: 'gitlab' as never, verify: { mode: 'all' as never } as never, include: [{} as never] });
    expect(validateGitRepository(obj)).toEqual([
      'spec.provider: Unsupported value: "gitlab": supported values: "generic", "aws", "azure", "github"',
      'spec.verify.secretRef: Required value',
      'spec.verify.mode: Unsupported value: "all": supported values: "head", "HEAD", "Tag", "TagAndHEAD"',
      'spec.include[0].repository: Required value',
    ]);
  });

  it('allows serviceAccountName only with provider azure or aws', () => {
    expect(validateGitRepository(minimal({ serviceAccountName: 'sa' }))).toEqual([
      `spec: Invalid value: "object": serviceAccountName can only be set when provider is 'azure' or 'aws'`,
    ]);
    expect(validateGitRepository(minimal({ serviceAccountName: 'sa', provider: 'aws' }))).toEqual([]);
  });

  it('validates status conditions as metav1.Condition', () => {
    const obj = { ...minimal(), status: { conditions: [{ type: 'Ready', status: 'Maybe', reason: '', message: 'x', lastTransitionTime: 'now' }] } };
    expect(validateGitRepository(obj)).toEqual([
      'status.conditions[0].status: Unsupported value: "Maybe": supported values: "True", "False", "Unknown"',
      `status.conditions[0].reason: Invalid value: "": status.conditions[0].reason in body should be at least 1 chars long`,
      `status.conditions[0].reason: Invalid value: "": status.conditions[0].reason in body should match '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$'`,
      'status.conditions[0].lastTransitionTime: Invalid value: "now": status.conditions[0].lastTransitionTime in body must be of type date-time: "now"',
    ]);
  });
});
