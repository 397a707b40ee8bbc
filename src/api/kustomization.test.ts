import { describe, expect, it } from 'vitest';
import type { Kustomization } from './kustomization-types.js';
import {
  kustomizationRetryIntervalMs, kustomizationTimeoutMs, kustomizationWithDefaults, validateKustomization,
} from './kustomization.js';

const minimal = (spec: Partial<Kustomization['spec']> = {}): Kustomization => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name: 'apps', namespace: 'flux-system' },
  spec: { interval: '10m', prune: true, sourceRef: { kind: 'GitRepository', name: 'podinfo' }, ...spec },
});

describe('kustomization timeouts', () => {
  it('defaults the timeout to interval - 30s, never below 30s', () => {
    expect(kustomizationTimeoutMs(minimal())).toBe(570_000);
    expect(kustomizationTimeoutMs(minimal({ interval: '45s' }))).toBe(30_000);
    expect(kustomizationTimeoutMs(minimal({ timeout: '5s' }))).toBe(30_000);
    expect(kustomizationTimeoutMs(minimal({ timeout: '2m' }))).toBe(120_000);
  });

  it('retries after retryInterval, else after the interval', () => {
    expect(kustomizationRetryIntervalMs(minimal())).toBe(600_000);
    expect(kustomizationRetryIntervalMs(minimal({ retryInterval: '2m' }))).toBe(120_000);
  });
});

describe('kustomizationWithDefaults', () => {
  it('applies the schema and controller defaults', () => {
    const out = kustomizationWithDefaults(minimal({ postBuild: { substituteFrom: [{ kind: 'ConfigMap', name: 'vars' }] } }));
    expect(out.spec).toMatchObject({
      force: false, deletionPolicy: 'MirrorPrune', retryInterval: '10m', timeout: '9m30s',
      postBuild: { substituteFrom: [{ kind: 'ConfigMap', name: 'vars', optional: false }] },
    });
    expect(out.status).toEqual({ observedGeneration: -1 });
  });

  it('keeps a timeout the user wrote', () => {
    expect(kustomizationWithDefaults(minimal({ timeout: '5m' })).spec.timeout).toBe('5m');
  });
});

describe('validateKustomization', () => {
  it('accepts a full object', () => {
    expect(validateKustomization(minimal({
      path: './apps', targetNamespace: 'apps', namePrefix: 'p-', deletionPolicy: 'WaitForTermination', wait: true,
      dependsOn: [{ name: 'infra', readyExpr: 'dep.status.ready' }], healthChecks: [{ kind: 'Deployment', name: 'web', namespace: 'apps' }],
      healthCheckExprs: [{ apiVersion: 'example.com/v1', current: 'true' }], patches: [{ patch: 'x', target: { kind: 'Deployment' } }],
      images: [{ name: 'nginx', newTag: '1.27' }], components: ['../c'], buildMetadata: ['originAnnotations'],
      postBuild: { substitute: { a: 'b' }, substituteStrategy: 'Always' }, decryption: { provider: 'sops', secretRef: { name: 'sops' } },
      ignore: [{ paths: ['/spec/replicas'], target: { kind: 'Deployment' } }], kubeConfig: { secretRef: { name: 'kc' } },
    }))).toEqual([]);
  });

  it('requires interval, prune and sourceRef, and sourceRef kind and name', () => {
    expect(validateKustomization({ apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'x' }, spec: { sourceRef: {} } })).toEqual([
      'spec.interval: Required value', 'spec.prune: Required value', 'spec.sourceRef.kind: Required value', 'spec.sourceRef.name: Required value',
    ]);
  });

  it('checks enums, lengths and the kubeConfig one-of', () => {
    const problems = validateKustomization(minimal({
      sourceRef: { kind: 'HelmRepository' as never, name: 's' }, deletionPolicy: 'Never' as never, targetNamespace: 'x'.repeat(64),
      namePrefix: '', kubeConfig: { secretRef: { name: 'a' }, configMapRef: { name: 'b' } },
    }));
    expect(problems).toEqual([
      'spec.sourceRef.kind: Unsupported value: "HelmRepository": supported values: "OCIRepository", "GitRepository", "Bucket", "ExternalArtifact"',
      'spec.deletionPolicy: Unsupported value: "Never": supported values: "MirrorPrune", "Delete", "WaitForTermination", "Orphan"',
      'spec.targetNamespace: Too long: may not be more than 63 bytes',
      'spec.namePrefix: Invalid value: "": spec.namePrefix in body should be at least 1 chars long',
      'spec.kubeConfig: Invalid value: "object": exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified',
    ]);
    expect(validateKustomization(minimal({ kubeConfig: {} }))).toEqual([
      'spec.kubeConfig: Invalid value: "object": exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified',
    ]);
  });

  it('checks the interval pattern and the type of prune', () => {
    expect(validateKustomization(minimal({ interval: '10 minutes', prune: 'yes' as never }))).toEqual([
      `spec.interval: Invalid value: "10 minutes": spec.interval in body should match '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$'`,
      'spec.prune: Invalid value: "string": spec.prune in body must be of type boolean: "string"',
    ]);
  });
});
