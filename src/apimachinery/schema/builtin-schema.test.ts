// Lookups in the generated built-in schema: the facts strategic merge patch and server-side
// apply depend on, checked against the Kubernetes sources named in the overlay.
import { describe, expect, it } from 'vitest';
import { builtinSchemaFor, builtinSchemaKinds, builtinTypeName, objectMetaSchema, type FieldSchema, type SchemaType, type StructType } from './index.js';

function field(type: SchemaType | undefined, ...path: string[]): FieldSchema {
  let current: FieldSchema | undefined;
  for (const name of path) {
    if (type?.kind === 'list') type = type.items;
    if (type?.kind !== 'struct') throw new Error(`${name}: not a struct`);
    current = type.fields[name];
    if (!current) throw new Error(`no field ${name}`);
    type = current.type;
  }
  return current!;
}

const deployment = builtinSchemaFor({ group: 'apps', version: 'v1', kind: 'Deployment' });

describe('builtinSchemaFor', () => {
  it('types Deployment spec.template.spec.containers as a list map keyed by name, merged by name', () => {
    const containers = field(deployment, 'spec', 'template', 'spec', 'containers');
    expect(containers.type).toMatchObject({ kind: 'list', listType: 'map', mapKeys: ['name'] });
    expect([containers.patchStrategies, containers.patchMergeKey]).toEqual([['merge'], 'name']);
  });

  it('keys container ports by [containerPort, protocol] but merges them by containerPort', () => {
    const ports = field(deployment, 'spec', 'template', 'spec', 'containers', 'ports');
    expect(ports.type).toMatchObject({ listType: 'map', mapKeys: ['containerPort', 'protocol'] });
    expect(ports.patchMergeKey).toBe('containerPort');
  });

  it('keys Service ports by [port, protocol] and makes the selector an atomic map', () => {
    const service = builtinSchemaFor({ group: '', version: 'v1', kind: 'Service' });
    expect(field(service, 'spec', 'ports').type).toMatchObject({ listType: 'map', mapKeys: ['port', 'protocol'] });
    expect(field(service, 'spec', 'selector').type).toMatchObject({ kind: 'map', atomic: true });
  });

  it('types ObjectMeta: labels granular maps, finalizers a set, ownerReferences keyed by uid, managedFields atomic', () => {
    const meta = objectMetaSchema();
    expect(field(meta, 'labels').type).toEqual({ kind: 'map', values: { kind: 'scalar', format: 'string' } });
    expect(field(meta, 'finalizers')).toMatchObject({ type: { listType: 'set' }, patchStrategies: ['merge'] });
    expect(field(meta, 'ownerReferences')).toMatchObject({ type: { listType: 'map', mapKeys: ['uid'] }, patchMergeKey: 'uid' });
    expect(field(meta, 'ownerReferences').type).toMatchObject({ items: { atomic: true } });
    expect(field(meta, 'managedFields').type).toMatchObject({ kind: 'list', listType: 'atomic' });
    expect(field(meta, 'managedFields', 'fieldsV1').type).toEqual({ kind: 'untyped' });
    expect(field(deployment, 'metadata').type).toBe(meta);
  });

  it('keeps the JSON type of scalars and the definition names of structs', () => {
    const configMap = builtinSchemaFor({ group: '', version: 'v1', kind: 'ConfigMap' });
    expect(field(configMap, 'immutable').type).toEqual({ kind: 'scalar', format: 'boolean' });
    expect(field(deployment, 'spec', 'replicas').type).toEqual({ kind: 'scalar', format: 'integer' });
    expect(field(deployment, 'spec', 'strategy', 'rollingUpdate', 'maxSurge').type).toEqual({ kind: 'scalar', format: 'int-or-string' });
    expect(field(deployment, 'metadata', 'creationTimestamp').type).toEqual({ kind: 'scalar', format: 'string' });
    expect(builtinTypeName(field(deployment, 'spec').type as StructType)).toBe('io.k8s.api.apps.v1.DeploymentSpec');
    expect(builtinTypeName(objectMetaSchema())).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(builtinTypeName({ kind: 'struct', fields: {} })).toBeUndefined();
  });

  it('knows the pod fields added after 1.13', () => {
    const pod = builtinSchemaFor({ group: '', version: 'v1', kind: 'Pod' });
    expect(field(pod, 'spec', 'topologySpreadConstraints').type).toMatchObject({ mapKeys: ['topologyKey', 'whenUnsatisfiable'] });
    expect(field(pod, 'spec', 'ephemeralContainers', 'env').patchMergeKey).toBe('name');
    expect(field(pod, 'spec', 'schedulingGates').patchMergeKey).toBe('name');
    expect(field(pod, 'spec', 'resourceClaims').patchStrategies).toEqual(['merge', 'retainKeys']);
    expect(field(pod, 'spec', 'nodeSelector').type).toMatchObject({ atomic: true });
  });

  it('lets an explicit list type win over the patch strategy (Job conditions)', () => {
    const conditions = field(builtinSchemaFor({ group: 'batch', version: 'v1', kind: 'Job' }), 'status', 'conditions');
    expect([conditions.type, conditions.patchMergeKey]).toMatchObject([{ listType: 'atomic' }, 'type']);
  });

  it('lets a field override its struct map type (PersistentVolume claimRef is granular)', () => {
    const pv = builtinSchemaFor({ group: '', version: 'v1', kind: 'PersistentVolume' });
    expect(field(pv, 'spec', 'claimRef').type).toMatchObject({ kind: 'struct' });
    expect((field(pv, 'spec', 'claimRef').type as StructType).atomic).toBeUndefined();
    expect(field(builtinSchemaFor({ group: '', version: 'v1', kind: 'Event' }), 'involvedObject').type).toMatchObject({ atomic: true });
  });

  it('serves the newer group-versions of the root kinds', () => {
    const cronJob = builtinSchemaFor({ group: 'batch', version: 'v1', kind: 'CronJob' });
    expect(field(cronJob, 'spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers').patchMergeKey).toBe('name');
    const webhooks = builtinSchemaFor({ group: 'admissionregistration.k8s.io', version: 'v1', kind: 'MutatingWebhookConfiguration' });
    expect(field(webhooks, 'webhooks', 'matchConditions').patchMergeKey).toBe('name');
    const ingress = builtinSchemaFor({ group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' });
    expect(field(ingress, 'spec', 'defaultBackend', 'service', 'port').type).toMatchObject({ atomic: true });
    const pdb = builtinSchemaFor({ group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' });
    expect(field(pdb, 'spec', 'selector').patchStrategies).toEqual(['replace']);
  });

  it('builds the recursive CustomResourceDefinition schema with shared nodes', () => {
    const crd = builtinSchemaFor({ group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' });
    const props = field(crd, 'spec', 'versions', 'schema', 'openAPIV3Schema');
    const nested = field(props.type, 'properties').type;
    expect(nested).toMatchObject({ kind: 'map' });
    expect(nested.kind === 'map' && nested.values).toBe(props.type);
    expect(field(crd, 'status', 'conditions').type).toMatchObject({ listType: 'map', mapKeys: ['type'] });
  });

  it('returns undefined for kinds it has no schema for', () => {
    expect(builtinSchemaFor({ group: 'example.com', version: 'v1', kind: 'Widget' })).toBeUndefined();
    expect(builtinSchemaFor({ group: 'apps', version: 'v1beta1', kind: 'Deployment' })).toBeUndefined();
  });

  it('resolves every root kind', () => {
    const kinds = builtinSchemaKinds();
    expect(kinds).toContainEqual({ group: '', version: 'v1', kind: 'ConfigMap' });
    expect(kinds).toContainEqual({ group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectRulesReview' });
    for (const gvk of kinds) expect(builtinSchemaFor(gvk)?.fields.metadata?.type).toBe(objectMetaSchema());
  });
});
