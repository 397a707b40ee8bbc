// Manifests and store shortcuts shared by the kubectl conformance suites.
import type { KubeObject } from '../../src/controlplane/objects/index.js';
import type { TestControlPlane } from './control-plane.js';

/**
 * A namespaced custom resource with a status subresource, a short name, the `all` category and
 * printer columns, one of them a filter expression (`[?(@.type=="Ready")]`).
 */
export const WIDGET_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names:
    plural: widgets
    singular: widget
    kind: Widget
    shortNames: [wd]
    categories: [all]
  versions:
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
    additionalPrinterColumns:
    - name: Size
      type: integer
      jsonPath: .spec.size
    - name: Ready
      type: string
      jsonPath: .status.conditions[?(@.type=="Ready")].status
    - name: Color
      type: string
      priority: 1
      jsonPath: .spec.color
    - name: Age
      type: date
      jsonPath: .metadata.creationTimestamp
    schema:
      openAPIV3Schema:
        type: object
        description: A widget made for the kubectl conformance suite.
        properties:
          spec:
            type: object
            description: What the widget should be.
            properties:
              size:
                type: integer
                description: How big the widget is.
              color:
                type: string
                description: The colour of the widget.
          status:
            type: object
            properties:
              conditions:
                type: array
                items:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
`;

/**
 * A namespaced custom resource whose schema defaults, constrains and prunes: nested defaults,
 * defaults in list items, a status default, bounds and an enum.
 */
export const GADGET_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: gadgets, singular: gadget, kind: Gadget}
  versions:
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [size]
            properties:
              size: {type: integer, minimum: 1, maximum: 10}
              color: {type: string, enum: [red, blue], default: red}
              settings:
                type: object
                default: {}
                properties:
                  mode: {type: string, default: fast}
              ports:
                type: array
                items:
                  type: object
                  properties:
                    port: {type: integer}
                    protocol: {type: string, default: TCP}
          status:
            type: object
            default: {phase: Pending}
            properties:
              phase: {type: string, enum: [Pending, Ready]}
`;

/** A Gadget manifest. */
export function gadgetJson(name: string, namespace: string, spec: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name, namespace }, spec });
}

/** A Widget manifest. */
export function widgetYaml(name: string, namespace: string, spec: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, namespace }, spec });
}

/** Creates a namespace straight in the store (faster than a kubectl call; tests own one each). */
export function createNamespace(plane: TestControlPlane, name: string): string {
  const type = plane.registry.resolve('', 'v1', 'namespaces')!;
  plane.store.create(type, '', { metadata: { name } }, { fieldManager: 'test-setup' });
  return name;
}

/** An object as stored, managedFields included (kubectl hides them), or undefined. */
export function stored(plane: TestControlPlane, resource: { group?: string; version?: string; plural: string }, namespace: string, name: string): KubeObject | undefined {
  const type = plane.registry.resolve(resource.group ?? '', resource.version ?? 'v1', resource.plural);
  if (!type) throw new Error(`no resource ${resource.plural}`);
  return plane.store.find(type, namespace, name);
}

/** The manager, operation and fieldsV1 of each managedFields entry of an object. */
export function managers(object: KubeObject | undefined): Array<{ manager: string; operation: string; fieldsV1: unknown }> {
  return (object?.metadata.managedFields ?? []).map((entry) => {
    const { manager, operation, fieldsV1 } = entry as { manager: string; operation: string; fieldsV1: unknown };
    return { manager, operation, fieldsV1 };
  });
}
