import { describe, expect, it } from 'vitest';
import { applyStrategicMerge, indexOpenApiDocument, isClusterScoped, layeredOpenApi } from './index.js';

const gvk = (kind: string, group = 'example.io', version = 'v1') => ({ group, version, kind });
const listing = (kind: string) => ({ get: { 'x-kubernetes-group-version-kind': { group: 'example.io', version: 'v1', kind } } });

const doc = indexOpenApiDocument({
  definitions: {
    'io.example.v1.Widget': {
      properties: { spec: { properties: { items: { type: 'array', items: { $ref: '#/definitions/io.example.v1.Item' }, 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge' } } } },
      'x-kubernetes-group-version-kind': [gvk('Widget')],
    },
    'io.example.v1.Item': { properties: { name: { type: 'string' } } },
    // A single map is not a list of group-version-kinds: kyaml does not index it.
    'io.example.v1.Single': { 'x-kubernetes-group-version-kind': gvk('Single') },
  },
  paths: {
    '/apis/example.io/v1/namespaces/{namespace}/gadgets': listing('Gadget'),
    '/apis/example.io/v1/gadgets': listing('Gadget'),
    '/apis/example.io/v1/clusters': listing('Cluster'),
  },
});

describe('OpenAPI documents (kyaml/openapi)', () => {
  it('indexes definitions by their list of group-version-kinds', () => {
    expect([...doc.kinds.keys()]).toEqual(['example.io/v1 Widget']);
  });
  it('takes scope from get operations: any namespaced path makes a kind namespaced', () => {
    expect(Object.fromEntries(doc.namespaced)).toEqual({ 'example.io/v1 Gadget': true, 'example.io/v1 Cluster': false });
    const schema = layeredOpenApi([doc]);
    expect(isClusterScoped(gvk('Cluster'), schema)).toBe(true);
    expect(isClusterScoped(gvk('Gadget'), schema)).toBe(false);
    expect(isClusterScoped(gvk('Unknown'), schema)).toBe(false);
    // kyaml's precomputed table wins over any schema.
    expect(isClusterScoped(gvk('Namespace', '', 'v1'), schema)).toBe(true);
  });
  it('merges lists by the merge keys the document gives, and replaces the rest', () => {
    const widget = { apiVersion: 'example.io/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { items: [{ name: 'a', v: 1 }, { name: 'b', v: 1 }] } };
    const patch = { apiVersion: 'example.io/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { items: [{ name: 'b', v: 2 }] } };
    expect(applyStrategicMerge(widget, patch, layeredOpenApi([doc]))?.spec).toEqual({ items: [{ name: 'b', v: 2 }, { name: 'a', v: 1 }] });
    expect(applyStrategicMerge(widget, patch)?.spec).toEqual({ items: [{ name: 'b', v: 2 }] });
  });
  it('lets later layers win, and resolves refs through every layer, built-in types included', () => {
    const later = indexOpenApiDocument({
      definitions: {
        'io.example.v1.Widget': { properties: { spec: { $ref: '#/definitions/io.k8s.api.core.v1.PodSpec' } }, 'x-kubernetes-group-version-kind': [gvk('Widget')] },
      },
    });
    const pods = { apiVersion: 'example.io/v1', kind: 'Widget', spec: { containers: [{ name: 'x', image: '1' }, { name: 'y', image: '1' }] } };
    const patch = { apiVersion: 'example.io/v1', kind: 'Widget', spec: { containers: [{ name: 'y', image: '2' }] } };
    const merged = [{ name: 'y', image: '2' }, { name: 'x', image: '1' }];
    expect(applyStrategicMerge(pods, patch, layeredOpenApi(['builtin', doc, later]))?.spec).toEqual({ containers: merged });
    // Without the built-in layer the ref resolves to nothing: the list is replaced.
    expect(applyStrategicMerge(pods, patch, layeredOpenApi([doc, later]))?.spec).toEqual({ containers: [{ name: 'y', image: '2' }] });
  });
  it('refuses documents that are not maps of definitions', () => {
    expect(() => indexOpenApiDocument([])).toThrow('an OpenAPI document must be a map');
    expect(() => indexOpenApiDocument({ definitions: { a: 1 } })).toThrow('definitions.a must be a map');
  });
});
