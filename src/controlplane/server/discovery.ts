// Discovery documents: aggregated (apidiscovery.k8s.io/v2, preferred by kubectl when it asks)
// and the legacy APIVersions / APIGroupList / APIResourceList forms, built from the registry.
import { groupVersionOf, type ResourceRegistry, type ResourceType } from '../registry/index.js';

const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];
const SCALE_KIND = { group: 'autoscaling', version: 'v1', kind: 'Scale' };

/** Media type of aggregated discovery replies for the version the client asked for. */
export function aggregatedDiscoveryType(accept: string | undefined): string | undefined {
  if (!accept?.includes('as=APIGroupDiscoveryList')) return undefined;
  for (const part of accept.split(',')) {
    if (!part.includes('as=APIGroupDiscoveryList')) continue;
    const version = /;\s*v=(v2beta1|v2)\b/.exec(part)?.[1];
    if (version) return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
  }
  return undefined;
}

function aggregatedResource(type: ResourceType): Record<string, unknown> {
  const responseKind = { group: type.group, version: type.version, kind: type.kind };
  const subresources = [
    ...(type.statusSubresource ? [{ subresource: 'status', responseKind, verbs: SUBRESOURCE_VERBS }] : []),
    ...(type.scale ? [{ subresource: 'scale', responseKind: SCALE_KIND, verbs: SUBRESOURCE_VERBS }] : []),
  ];
  return {
    resource: type.plural,
    responseKind,
    scope: type.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: type.singular,
    verbs: type.verbs,
    ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
    ...(type.categories.length ? { categories: type.categories } : {}),
    ...(subresources.length ? { subresources } : {}),
  };
}

/** The aggregated discovery list for `/api` (core) or `/apis` (every other group). */
export function aggregatedDiscovery(registry: ResourceRegistry, core: boolean, mediaType: string): Record<string, unknown> {
  const version = mediaType.includes('v=v2beta1') ? 'v2beta1' : 'v2';
  const items = registry
    .groups()
    .filter((group) => (group.name === '') === core)
    .map((group) => ({
      metadata: { ...(group.name ? { name: group.name } : {}), creationTimestamp: null },
      versions: group.versions.map((v) => ({
        version: v,
        resources: registry.resourcesOf(group.name, v).map(aggregatedResource),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

/** Legacy `/api`. */
export function apiVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(name: string, versions: readonly string[]): Record<string, unknown> {
  const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: list, preferredVersion: list[0] };
}

/** Legacy `/apis`. */
export function apiGroupList(registry: ResourceRegistry): Record<string, unknown> {
  const groups = registry.groups().filter((g) => g.name !== '').map((g) => apiGroup(g.name, g.versions));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** Legacy `/apis/<group>`, or undefined when the group is not served. */
export function apiGroupDocument(registry: ResourceRegistry, name: string): Record<string, unknown> | undefined {
  const group = registry.groups().find((g) => g.name === name && name !== '');
  return group ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group.name, group.versions) } : undefined;
}

/** Legacy `/api/v1` or `/apis/<group>/<version>`, or undefined when not served. */
export function apiResourceList(registry: ResourceRegistry, group: string, version: string): Record<string, unknown> | undefined {
  const types = registry.resourcesOf(group, version);
  if (types.length === 0) return undefined;
  const resources = types.flatMap((type) => [
    {
      name: type.plural,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: type.verbs,
      ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
      ...(type.categories.length ? { categories: type.categories } : {}),
    },
    ...(type.statusSubresource ? [{ name: `${type.plural}/status`, singularName: '', namespaced: type.namespaced, kind: type.kind, verbs: SUBRESOURCE_VERBS }] : []),
    ...(type.scale ? [{ name: `${type.plural}/scale`, singularName: '', namespaced: type.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: SUBRESOURCE_VERBS }] : []),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersionOf({ group, version }), resources };
}
