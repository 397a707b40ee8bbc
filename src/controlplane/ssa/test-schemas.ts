// Small hand-built schemas for the ssa tests: a ConfigMap and a Deployment shaped like the real
// ones where field management cares (list maps keyed by name, ports keyed by port and protocol,
// finalizers as a set, an atomic selector). The generated built-in schemas replace these in use.
import type { FieldSchema, SchemaType, StructType } from '../../apimachinery/index.js';

const scalar: SchemaType = { kind: 'scalar' };
const stringMap: SchemaType = { kind: 'map', values: scalar };
const f = (type: SchemaType): FieldSchema => ({ type });

function struct(fields: Record<string, SchemaType>, extra: Partial<StructType> = {}): StructType {
  return { kind: 'struct', fields: Object.fromEntries(Object.entries(fields).map(([k, t]) => [k, f(t)])), ...extra };
}

function mapList(items: SchemaType, ...mapKeys: string[]): SchemaType {
  return { kind: 'list', items, listType: 'map', mapKeys };
}

/** ObjectMeta as field management sees it. */
export const objectMeta = struct({
  name: scalar,
  generateName: scalar,
  namespace: scalar,
  uid: scalar,
  resourceVersion: scalar,
  generation: scalar,
  creationTimestamp: scalar,
  labels: stringMap,
  annotations: stringMap,
  finalizers: { kind: 'list', items: scalar, listType: 'set' },
  ownerReferences: mapList(struct({ apiVersion: scalar, kind: scalar, name: scalar, uid: scalar, controller: scalar }), 'uid'),
  managedFields: { kind: 'list', items: { kind: 'untyped' }, listType: 'atomic' },
});

/** v1 ConfigMap. */
export const configMapSchema: SchemaType = struct({
  apiVersion: scalar,
  kind: scalar,
  metadata: objectMeta,
  data: stringMap,
  binaryData: stringMap,
  immutable: scalar,
});

const container = struct({
  name: scalar,
  image: scalar,
  args: { kind: 'list', items: scalar, listType: 'atomic' },
  env: mapList(struct({ name: scalar, value: scalar }), 'name'),
  ports: mapList(struct({ containerPort: scalar, protocol: scalar, name: scalar }), 'containerPort', 'protocol'),
});

const labelSelector = struct({ matchLabels: stringMap }, { atomic: true });

/** apps/v1 Deployment. */
export const deploymentSchema: SchemaType = struct({
  apiVersion: scalar,
  kind: scalar,
  metadata: objectMeta,
  spec: struct({
    replicas: scalar,
    selector: labelSelector,
    strategy: struct({ type: scalar, rollingUpdate: struct({ maxSurge: scalar, maxUnavailable: scalar }) }),
    template: struct({
      metadata: objectMeta,
      spec: struct({ containers: mapList(container, 'name'), initContainers: mapList(container, 'name') }),
    }),
  }),
  status: struct({
    replicas: scalar,
    conditions: mapList(struct({ type: scalar, status: scalar, reason: scalar }), 'type'),
  }),
});

/** A custom resource without a schema: everything is deduced. */
export const untypedSchema: SchemaType = struct({ apiVersion: scalar, kind: scalar, metadata: objectMeta });
