import { describe, expect, it } from 'vitest';
import { fluxCrds, gitRepositoryCrd } from './crds.js';

type Crd = {
  metadata: { name: string; labels: Record<string, string> };
  spec: {
    group: string; scope: string;
    names: { kind: string; plural: string; singular: string; listKind: string; shortNames: string[]; categories: string[] };
    versions: Array<{ name: string; served: boolean; storage: boolean; subresources: object; additionalPrinterColumns: Array<{ name: string; type: string; jsonPath: string }>; schema: { openAPIV3Schema: { properties: Record<string, { default?: unknown; required?: string[]; properties?: Record<string, { default?: unknown }> }> } } }>;
  };
};

const [gitrepo, ks] = fluxCrds() as unknown as [Crd, Crd];

describe('fluxCrds', () => {
  it('defines GitRepository and Kustomization with Flux\'s names', () => {
    expect(gitrepo.metadata.name).toBe('gitrepositories.source.toolkit.fluxcd.io');
    expect(gitrepo.spec.names).toEqual({
      kind: 'GitRepository', listKind: 'GitRepositoryList', plural: 'gitrepositories', singular: 'gitrepository',
      shortNames: ['gitrepo'], categories: ['all', 'fluxcd', 'fluxcd-sources'],
    });
    expect(ks.metadata.name).toBe('kustomizations.kustomize.toolkit.fluxcd.io');
    expect(ks.spec.names).toMatchObject({ kind: 'Kustomization', plural: 'kustomizations', shortNames: ['ks'], categories: ['all', 'fluxcd', 'fluxcd-appliers'] });
  });

  it('serves and stores v1 only, namespaced, with the status subresource', () => {
    for (const crd of [gitrepo, ks]) {
      expect(crd.spec.scope).toBe('Namespaced');
      expect(crd.spec.versions.map((v) => [v.name, v.served, v.storage])).toEqual([['v1', true, true]]);
      expect(crd.spec.versions[0]!.subresources).toEqual({ status: {} });
      expect(crd.metadata.labels['app.kubernetes.io/part-of']).toBe('flux');
    }
  });

  it('prints the columns of the kubebuilder markers', () => {
    expect(gitrepo.spec.versions[0]!.additionalPrinterColumns.map((c) => c.name)).toEqual(['URL', 'Age', 'Ready', 'Status']);
    expect(ks.spec.versions[0]!.additionalPrinterColumns.map((c) => c.name)).toEqual(['Age', 'Ready', 'Status']);
    expect(ks.spec.versions[0]!.additionalPrinterColumns[1]).toEqual({ name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' });
  });

  it('carries the schema defaults and required fields', () => {
    const git = gitrepo.spec.versions[0]!.schema.openAPIV3Schema.properties;
    expect(git.status!.default).toEqual({ observedGeneration: -1 });
    expect(git.spec!.required).toEqual(['interval', 'url']);
    expect(git.spec!.properties!.timeout!.default).toBe('60s');
    expect(ks.spec.versions[0]!.schema.openAPIV3Schema.properties.spec!.required).toEqual(['interval', 'prune', 'sourceRef']);
  });

  it('returns fresh objects on every call', () => {
    const a = gitRepositoryCrd() as unknown as Crd;
    a.spec.names.shortNames.push('changed');
    expect((gitRepositoryCrd() as unknown as Crd).spec.names.shortNames).toEqual(['gitrepo']);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(fluxCrds()))).toEqual(fluxCrds());
  });
});
