import { describe, expect, it } from 'vitest';
import { ResourceRegistry, STORED_VERBS, type ResourceType } from '../registry/index.js';
import { openApiDocument } from './openapi.js';

type Schemas = Record<string, { properties?: Record<string, unknown>; 'x-kubernetes-group-version-kind'?: unknown }>;

function schemasOf(registry: ResourceRegistry, group: string, version: string): Schemas {
  return (openApiDocument(registry, group, version)!.components as { schemas: Schemas }).schemas;
}

describe('openApiDocument', () => {
  const registry = new ResourceRegistry();

  it('describes a built-in kind with its real fields and JSON types, not a generic spec and status', () => {
    const configMap = schemasOf(registry, '', 'v1')['io.k8s.api.core.v1.ConfigMap']!;
    expect(Object.keys(configMap.properties!).sort()).toEqual(['apiVersion', 'binaryData', 'data', 'immutable', 'kind', 'metadata']);
    expect(configMap.properties!.data).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(configMap.properties!.immutable).toEqual({ type: 'boolean' });
    expect(configMap.properties!.metadata).toMatchObject({ allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }] });
    expect(configMap['x-kubernetes-group-version-kind']).toEqual([{ group: '', version: 'v1', kind: 'ConfigMap' }]);
  });

  it('refers to nested structs and to IntOrString by name, and writes each component once', () => {
    const schemas = schemasOf(registry, 'apps', 'v1');
    expect(schemas['io.k8s.api.apps.v1.Deployment']!.properties!.spec).toEqual({ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' });
    expect(schemas['io.k8s.api.apps.v1.RollingUpdateDeployment']!.properties!.maxSurge).toEqual({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' });
    expect(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).not.toHaveProperty('type');
    const containers = schemas['io.k8s.api.core.v1.PodSpec']!.properties!.containers;
    expect(containers).toEqual({ type: 'array', items: { $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] });
  });

  it('ends cycles in recursive definitions with a reference', () => {
    const props = schemasOf(registry, 'apiextensions.k8s.io', 'v1')['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps']!.properties!;
    expect(props.properties).toEqual({ type: 'object', additionalProperties: { $ref: '#/components/schemas/io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps' } });
  });

  it('describes a custom resource with its CRD schema', () => {
    const crds = new ResourceRegistry();
    const widget: ResourceType = {
      group: 'example.com', version: 'v1', kind: 'Widget', listKind: 'WidgetList', plural: 'widgets', singular: 'widget', namespaced: true,
      shortNames: [], categories: [], verbs: STORED_VERBS, statusSubresource: true, custom: true,
      openAPIV3Schema: { type: 'object', description: 'A widget.', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } },
    };
    crds.registerCrd('widgets.example.com', [widget]);
    const schema = schemasOf(crds, 'example.com', 'v1')['com.example.v1.Widget']!;
    expect(Object.keys(schema.properties!).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(schema.properties!.spec).toEqual({ type: 'object', properties: { size: { type: 'integer' } } });
  });
});
