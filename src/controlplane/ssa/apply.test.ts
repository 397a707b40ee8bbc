import { describe, expect, it } from 'vitest';
import type { SchemaType } from '../../apimachinery/index.js';
import { applyConfiguration, type ApplyResult } from './apply.js';
import { ApplyConflictError } from './conflict.js';
import { SsaBadRequestError, SsaInvalidObjectError } from './errors.js';
import { topLevelFields } from './ownership.js';
import { configMapSchema, deploymentSchema, untypedSchema } from './test-schemas.js';
import { recordUpdate } from './update.js';
import type { JsonObject } from './value.js';

const T0 = new Date('2024-05-01T10:00:00.123Z');
const T1 = new Date('2024-05-01T11:00:00Z');

interface Step {
  readonly schema?: SchemaType;
  readonly apiVersion?: string;
  readonly force?: boolean;
  readonly now?: Date;
}

// Applies `config` as `manager` over the live object of the previous step.
function apply(live: JsonObject | undefined, config: JsonObject, manager: string, step: Step = {}): ApplyResult {
  const metadata = live?.['metadata'] as JsonObject | undefined;
  return applyConfiguration({
    live,
    config,
    manager,
    apiVersion: step.apiVersion ?? 'v1',
    force: step.force ?? false,
    managedFields: metadata?.['managedFields'],
    schema: step.schema ?? configMapSchema,
    now: step.now ?? T0,
  });
}

const cm = (data: Record<string, string>, extra: JsonObject = {}): JsonObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'app', namespace: 'default', ...extra },
  data,
});

const fieldsOfManager = (result: { managedFields: readonly { manager?: string; fieldsV1: unknown }[] }, manager: string) =>
  result.managedFields.find((e) => e.manager === manager)?.fieldsV1;

describe('applying a ConfigMap', () => {
  it('creates the object and makes the applier own every field it set', () => {
    const result = apply(undefined, cm({ key1: 'value1' }, { labels: { app: 'demo' } }), 'kubectl');
    expect(result.object['data']).toEqual({ key1: 'value1' });
    expect(result.changed).toBe(true);
    expect(result.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'v1',
        time: '2024-05-01T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:key1': {} }, 'f:metadata': { 'f:labels': { 'f:app': {} } } },
      },
    ]);
    expect(Object.keys(result.managedFields[0]!)).toEqual(['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1']);
    expect((result.object['metadata'] as JsonObject)['managedFields']).toEqual(result.managedFields);
  });

  it('lets a second applier setting the same value share the field', () => {
    const first = apply(undefined, cm({ key1: 'value1' }), 'alice');
    const second = apply(first.object, cm({ key1: 'value1' }), 'bob', { now: T1 });
    expect(second.changed).toBe(false);
    expect(fieldsOfManager(second, 'alice')).toEqual({ 'f:data': { 'f:key1': {} } });
    expect(fieldsOfManager(second, 'bob')).toEqual({ 'f:data': { 'f:key1': {} } });
    // As upstream (kubernetes#127938): a no-op apply sets no time, so the new sharer has none.
    expect(second.managedFields.find((e) => e.manager === 'bob')?.time).toBeUndefined();
  });

  it('refuses a different value for a field another manager owns, worded as the API server words it', () => {
    const created = recordUpdate({
      before: undefined,
      after: cm({ key1: 'value1' }),
      manager: 'kubectl-create',
      apiVersion: 'v1',
      managedFields: undefined,
      schema: configMapSchema,
      now: T0,
    });
    const attempt = (): ApplyResult => apply(created.object, cm({ key1: 'other' }), 'kubectl');
    expect(attempt).toThrow(ApplyConflictError);
    expect(attempt).toThrow('Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .data.key1');
    try {
      attempt();
    } catch (err) {
      expect((err as ApplyConflictError).causes).toEqual([
        { type: 'FieldManagerConflict', message: 'conflict with "kubectl-create" using v1', field: '.data.key1' },
      ]);
      expect((err as ApplyConflictError).conflicts.map((c) => [c.manager, c.field])).toEqual([['kubectl-create', '.data.key1']]);
    }
  });

  it('reports conflicts with several managers in one message', () => {
    const a = apply(undefined, cm({ a: '1' }), 'alice');
    const b = apply(a.object, cm({ b: '2' }), 'bob');
    const attempt = (): ApplyResult => apply(b.object, cm({ a: 'x', b: 'y' }), 'carol');
    expect(attempt).toThrow(
      'Apply failed with 2 conflicts: conflicts with "alice":\n- .data.a\nconflicts with "bob":\n- .data.b',
    );
  });

  it('takes the field over with force, leaving the old owner what it still holds', () => {
    const created = recordUpdate({
      before: undefined,
      after: cm({ key1: 'value1' }),
      manager: 'kubectl-create',
      apiVersion: 'v1',
      managedFields: undefined,
      schema: configMapSchema,
      now: T0,
    });
    const forced = apply(created.object, cm({ key1: 'other' }), 'kubectl', { force: true, now: T1 });
    expect(forced.object['data']).toEqual({ key1: 'other' });
    expect(fieldsOfManager(forced, 'kubectl')).toEqual({ 'f:data': { 'f:key1': {} } });
    // kubectl-create added `.data` itself on create; only the changed key moved.
    expect(fieldsOfManager(forced, 'kubectl-create')).toEqual({ 'f:data': {} });
  });

  it('removes a field the applier stops setting', () => {
    const first = apply(undefined, cm({ key1: 'a', key2: 'b' }), 'kubectl');
    const second = apply(first.object, cm({ key1: 'a' }), 'kubectl', { now: T1 });
    expect(second.object['data']).toEqual({ key1: 'a' });
    expect(second.managedFields).toHaveLength(1);
    expect(second.managedFields[0]?.fieldsV1).toEqual({ 'f:data': { 'f:key1': {} } });
    expect(second.managedFields[0]?.time).toBe('2024-05-01T11:00:00Z');
  });

  it('keeps a dropped field that another applier still owns', () => {
    const a = apply(undefined, cm({ key1: 'a', key2: 'b' }), 'alice');
    const b = apply(a.object, cm({ key2: 'b' }), 'bob');
    const dropped = apply(b.object, cm({ key1: 'a' }), 'alice');
    expect(dropped.object['data']).toEqual({ key1: 'a', key2: 'b' });
    expect(fieldsOfManager(dropped, 'alice')).toEqual({ 'f:data': { 'f:key1': {} } });
    expect(fieldsOfManager(dropped, 'bob')).toEqual({ 'f:data': { 'f:key2': {} } });
  });

  it('keeps a dropped field whose value an updater changed since', () => {
    const a = apply(undefined, cm({ key1: 'a', key2: 'b' }), 'alice');
    const edited = recordUpdate({
      before: a.object,
      after: { ...a.object, data: { key1: 'a', key2: 'edited' } },
      manager: 'kubectl-edit',
      apiVersion: 'v1',
      managedFields: (a.object['metadata'] as JsonObject)['managedFields'],
      schema: configMapSchema,
      now: T1,
    });
    const dropped = apply(edited.object, cm({ key1: 'a' }), 'alice');
    expect(dropped.object['data']).toEqual({ key1: 'a', key2: 'edited' });
  });

  it('removes a whole map when the applier drops its last entry', () => {
    const first = apply(undefined, cm({ key1: 'a' }, { labels: { app: 'demo' } }), 'kubectl');
    const second = apply(first.object, cm({ key1: 'a' }), 'kubectl');
    expect((second.object['metadata'] as JsonObject)['labels']).toBeUndefined();
  });

  it('does not track fields the endpoint ignores', () => {
    const result = applyConfiguration({
      live: undefined,
      config: { ...cm({ k: 'v' }), status: { phase: 'x' } },
      manager: 'kubectl',
      apiVersion: 'v1',
      force: false,
      managedFields: undefined,
      schema: configMapSchema,
      now: T0,
      ignoredFields: topLevelFields(['status']),
    });
    expect(result.managedFields[0]?.fieldsV1).toEqual({ 'f:data': { 'f:k': {} } });
  });

  it('rejects a configuration of another version or carrying managedFields', () => {
    expect(() => apply(undefined, { ...cm({}), apiVersion: 'v2' }, 'kubectl')).toThrow(
      'Incorrect version specified in apply patch. Specified patch version: v2, expected: v1',
    );
    expect(() => apply(undefined, cm({}, { managedFields: [] }), 'kubectl')).toThrow(SsaBadRequestError);
    expect(() =>
      applyConfiguration({
        live: undefined,
        config: cm({}),
        manager: 'kubectl',
        apiVersion: 'v1',
        kind: 'Secret',
        force: false,
        managedFields: undefined,
        schema: configMapSchema,
        now: T0,
      }),
    ).toThrow('invalid object type: /v1, Kind=ConfigMap');
  });
});

describe('kubectl upgrading a client-side applied object', () => {
  it('takes over fields its last-applied annotation accounts for, and refreshes the annotation', () => {
    const lastApplied = '{"apiVersion":"v1","data":{"key1":"value1"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"app","namespace":"default"}}\n';
    const csa = recordUpdate({
      before: undefined,
      after: cm({ key1: 'value1' }, { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied } }),
      manager: 'kubectl-client-side-apply',
      apiVersion: 'v1',
      managedFields: undefined,
      schema: configMapSchema,
      now: T0,
    });
    const ssa = apply(csa.object, cm({ key1: 'value2' }), 'kubectl', { now: T1 });
    expect(ssa.object['data']).toEqual({ key1: 'value2' });
    const annotations = (ssa.object['metadata'] as JsonObject)['annotations'] as JsonObject;
    expect(annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","data":{"key1":"value2"},"kind":"ConfigMap","metadata":{"name":"app","namespace":"default"}}\n',
    );
    expect(() => apply(csa.object, cm({ key1: 'value2' }), 'someone-else')).toThrow(ApplyConflictError);
  });
});

const deployment = (containers: JsonObject[], extra: JsonObject = {}): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { template: { spec: { containers } }, ...extra },
});
const onDeployment: Step = { schema: deploymentSchema, apiVersion: 'apps/v1' };

describe('applying a Deployment', () => {
  it('lets two managers own different containers without conflict', () => {
    const a = apply(undefined, deployment([{ name: 'a', image: 'nginx:1' }], { replicas: 2 }), 'alice', onDeployment);
    const b = apply(a.object, deployment([{ name: 'b', image: 'redis:7' }]), 'bob', onDeployment);
    const containers = ((b.object['spec'] as JsonObject)['template'] as JsonObject)['spec'] as JsonObject;
    expect(containers['containers']).toEqual([
      { name: 'a', image: 'nginx:1' },
      { name: 'b', image: 'redis:7' },
    ]);
    expect(fieldsOfManager(b, 'bob')).toEqual({
      'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"b"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } } },
    });
  });

  it('removes only the container a manager stops applying', () => {
    const a = apply(undefined, deployment([{ name: 'a', image: 'nginx:1' }], { replicas: 2 }), 'alice', onDeployment);
    const b = apply(a.object, deployment([{ name: 'b', image: 'redis:7' }]), 'bob', onDeployment);
    const dropped = apply(b.object, deployment([], { replicas: 2 }), 'alice', onDeployment);
    const spec = dropped.object['spec'] as JsonObject;
    expect(((spec['template'] as JsonObject)['spec'] as JsonObject)['containers']).toEqual([{ name: 'b', image: 'redis:7' }]);
    expect(spec['replicas']).toBe(2);
  });

  it('conflicts on a field inside another manager\'s container, naming the item by its key', () => {
    const a = apply(undefined, deployment([{ name: 'a', image: 'nginx:1' }]), 'alice', onDeployment);
    expect(() => apply(a.object, deployment([{ name: 'a', image: 'nginx:2' }]), 'bob', onDeployment)).toThrow(
      'Apply failed with 1 conflict: conflict with "alice": .spec.template.spec.containers[name="a"].image',
    );
  });

  it('keys ports by port and protocol, written in the server\'s key order', () => {
    const ports = [{ protocol: 'TCP', containerPort: 80 }];
    const result = apply(undefined, deployment([{ name: 'a', ports }]), 'alice', onDeployment);
    const fields = JSON.stringify(result.managedFields[0]?.fieldsV1);
    expect(fields).toContain('"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:protocol":{}}');
  });

  it('rejects a keyed item that omits a key field', () => {
    const attempt = (): ApplyResult => apply(undefined, deployment([{ name: 'a', ports: [{ containerPort: 80 }] }]), 'x', onDeployment);
    expect(attempt).toThrow(SsaInvalidObjectError);
    expect(attempt).toThrow(
      '.spec.template.spec.containers[name="a"].ports: element 0: associative list with keys has an element that omits key field "protocol" (and doesn\'t have default value)',
    );
  });

  it('keys an item by a key field\'s schema default when the item omits it', () => {
    const port = { kind: 'struct', fields: { containerPort: { type: { kind: 'scalar' } }, protocol: { type: { kind: 'scalar' }, default: 'TCP' } } };
    const schema = {
      kind: 'struct',
      fields: { apiVersion: { type: { kind: 'scalar' } }, ports: { type: { kind: 'list', listType: 'map', mapKeys: ['containerPort', 'protocol'], items: port } } },
    } as unknown as SchemaType;
    const result = apply(undefined, { apiVersion: 'v1', ports: [{ containerPort: 80 }] }, 'x', { schema });
    expect(Object.keys((result.managedFields[0]?.fieldsV1 as Record<string, object>)['f:ports']!)).toEqual([
      'k:{"containerPort":80,"protocol":"TCP"}',
    ]);
  });

  it('rejects an applied list naming the same item twice', () => {
    expect(() => apply(undefined, deployment([{ name: 'a' }, { name: 'a' }]), 'x', onDeployment)).toThrow(
      '.spec.template.spec.containers: duplicate entries for key [name="a"]',
    );
  });

  it('replaces atomic values whole and owns them as one field', () => {
    const a = apply(undefined, deployment([{ name: 'a', args: ['x', 'y'] }], { selector: { matchLabels: { app: 'web' } } }), 'alice', onDeployment);
    const b = apply(a.object, deployment([{ name: 'a', args: ['z'] }], { selector: { matchLabels: { app: 'web' } } }), 'alice', onDeployment);
    const container = ((((b.object['spec'] as JsonObject)['template'] as JsonObject)['spec'] as JsonObject)['containers'] as JsonObject[])[0];
    expect(container?.['args']).toEqual(['z']);
    expect(fieldsOfManager(b, 'alice')).toMatchObject({ 'f:spec': { 'f:selector': {} } });
  });

  it('keeps items only the live list has in place and puts applied items in the applied order', () => {
    const a = apply(undefined, deployment([{ name: 'x' }, { name: 'y' }, { name: 'z' }]), 'alice', onDeployment);
    const b = apply(a.object, deployment([{ name: 'z' }, { name: 'new' }, { name: 'x' }]), 'bob', onDeployment);
    const containers = (((b.object['spec'] as JsonObject)['template'] as JsonObject)['spec'] as JsonObject)['containers'] as JsonObject[];
    expect(containers.map((c) => c['name'])).toEqual(['y', 'z', 'new', 'x']);
  });

  it('moves ownership to an updater that changes a field, so the next apply conflicts with it', () => {
    const applied = apply(undefined, deployment([{ name: 'a' }], { replicas: 2 }), 'alice', onDeployment);
    const scaled = recordUpdate({
      before: applied.object,
      after: { ...applied.object, spec: { ...(applied.object['spec'] as JsonObject), replicas: 5 } },
      manager: 'hpa',
      apiVersion: 'apps/v1',
      managedFields: (applied.object['metadata'] as JsonObject)['managedFields'],
      schema: deploymentSchema,
      now: T1,
    });
    expect(fieldsOfManager(scaled, 'hpa')).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(JSON.stringify(fieldsOfManager(scaled, 'alice'))).not.toContain('replicas');
    expect(() => apply(scaled.object, deployment([{ name: 'a' }], { replicas: 2 }), 'alice', onDeployment)).toThrow(
      'Apply failed with 1 conflict: conflict with "hpa" using apps/v1: .spec.replicas',
    );
  });
});

describe('applying sets', () => {
  it('merges finalizers by value, owns each one, and removes only the dropped one', () => {
    const withFinalizers = (finalizers: string[]): JsonObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', finalizers } });
    const a = apply(undefined, withFinalizers(['x']), 'alice');
    const b = apply(a.object, withFinalizers(['y']), 'bob');
    expect((b.object['metadata'] as JsonObject)['finalizers']).toEqual(['x', 'y']);
    expect(fieldsOfManager(b, 'alice')).toEqual({ 'f:metadata': { 'f:finalizers': { 'v:"x"': {} } } });
    const dropped = apply(b.object, withFinalizers([]), 'alice');
    expect((dropped.object['metadata'] as JsonObject)['finalizers']).toEqual(['y']);
  });
});

describe('applying a custom resource without a schema', () => {
  it('deduces objects as granular maps (entries are members) and lists as atomic', () => {
    const config = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1, tags: ['a'] } };
    const result = apply(undefined, config, 'kubectl', { schema: untypedSchema, apiVersion: 'example.com/v1' });
    expect(result.managedFields[0]?.fieldsV1).toEqual({ 'f:spec': { '.': {}, 'f:size': {}, 'f:tags': {} } });
  });
});
