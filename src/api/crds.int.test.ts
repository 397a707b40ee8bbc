// The Flux CRDs in a real (in-process) control plane, through @kubernetes/client-node: they are
// accepted, established and served, and a minimal GitRepository can be created and read back.
import { ApiextensionsV1Api, KubernetesObjectApi, loadYaml, type KubernetesObject, type V1CustomResourceDefinition } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestControlPlane, type TestControlPlane } from '../../test/support/control-plane.js';
import { fluxCrds } from './crds.js';
import type { GitRepository } from './gitrepository-types.js';
import { gitRepositoryWithDefaults } from './gitrepository.js';
import { until } from '../../test/support/until.js';

let plane: TestControlPlane;
let objects: KubernetesObjectApi;


const minimal = (name: string): GitRepository => ({
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  metadata: { name, namespace: 'default' },
  spec: { url: 'https://github.com/stefanprodan/podinfo', interval: '1m' },
});

beforeAll(async () => {
  plane = await startTestControlPlane();
  objects = KubernetesObjectApi.makeApiClient(plane.kubeConfig);
  const apiext = plane.kubeConfig.makeApiClient(ApiextensionsV1Api);
  // Through client-node's model (loadYaml), so that `default` and the x-kubernetes-* keywords are
  // sent: the model names them `_default`, `xKubernetesValidations`, … and drops the plain keys.
  for (const crd of fluxCrds()) await apiext.createCustomResourceDefinition({ body: loadYaml<V1CustomResourceDefinition>(JSON.stringify(crd)) });
});
afterAll(() => plane?.dispose());

describe('Flux CRDs in the control plane', () => {
  it('are established with the names accepted as written', async () => {
    const apiext = plane.kubeConfig.makeApiClient(ApiextensionsV1Api);
    for (const name of ['gitrepositories.source.toolkit.fluxcd.io', 'kustomizations.kustomize.toolkit.fluxcd.io']) {
      const crd = await until(`${name} to be established`, async () => {
        const got = await apiext.readCustomResourceDefinition({ name });
        return got.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ? got : undefined;
      }, 10_000, 50);
      expect(crd.status?.acceptedNames).toMatchObject({ kind: crd.spec.names.kind, shortNames: crd.spec.names.shortNames });
    }
  });

  it('serves GitRepository: a minimal object is created and read back', async () => {
    await objects.create(minimal('podinfo') as unknown as KubernetesObject);
    const read = (await objects.read({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name: 'podinfo', namespace: 'default' } })) as unknown as GitRepository;
    expect(read.spec).toMatchObject({ url: 'https://github.com/stefanprodan/podinfo', interval: '1m' });
    expect(read.metadata.generation).toBe(1);
    // Whatever the server defaulted, Weir's defaults complete it the way the schema says.
    expect(gitRepositoryWithDefaults(read).spec).toMatchObject({ timeout: '60s', ref: { branch: 'master' } });
  });

  it('serves Kustomization', async () => {
    const ks = {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'apps', namespace: 'default' },
      spec: { interval: '10m', prune: true, sourceRef: { kind: 'GitRepository', name: 'podinfo' } },
    };
    const created = await objects.create(ks as KubernetesObject);
    expect(created.metadata?.uid).toBeTruthy();
  });

  // As a real API server: spec.timeout 60s and status.observedGeneration -1 from the CRD's schema.
  it('applies the schema defaults on create, as the API server does', async () => {
    const created = (await objects.create(minimal('defaulted') as unknown as KubernetesObject)) as unknown as GitRepository;
    expect(created.spec.timeout).toBe('60s');
    expect(created.status).toEqual({ observedGeneration: -1 });
  });

  it('refuses what the CRD schemas refuse, CEL rules included, in the API server\'s words', async () => {
    const refusal = async (spec: Partial<GitRepository['spec']>) => {
      const object = { ...minimal('refused'), spec: { ...minimal('refused').spec, ...spec } };
      const err = await objects.create(object as unknown as KubernetesObject).then(() => undefined, (e: unknown) => e as { code?: number; body?: string });
      expect(err?.code).toBe(422);
      return (JSON.parse(String(err?.body)) as { message: string }).message;
    };
    expect(await refusal({ serviceAccountName: 'sa' })).toBe(
      'GitRepository.source.toolkit.fluxcd.io "refused" is invalid: spec: Invalid value: "object": serviceAccountName can only be set when provider is \'azure\' or \'aws\'',
    );
    expect(await refusal({ url: 'git@github.com:org/repo.git', timeout: '1h' })).toBe('GitRepository.source.toolkit.fluxcd.io "refused" is invalid: ['
      + 'spec.url: Invalid value: "git@github.com:org/repo.git": spec.url in body should match \'^(http|https|ssh)://.*$\', '
      + 'spec.timeout: Invalid value: "1h": spec.timeout in body should match \'^([0-9]+(\\.[0-9]+)?(ms|s|m))+$\']');
  });
});
