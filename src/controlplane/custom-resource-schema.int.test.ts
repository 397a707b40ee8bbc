// Custom resources against their CRD's structural schema, over HTTP as clients see them: defaults
// filled in, undeclared fields pruned, invalid objects refused with the API server's 422 Status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/support/api-client.js';
import { startTestControlPlane, type TestControlPlane } from '../../test/support/control-plane.js';

let plane: TestControlPlane;
let api: ApiClient;
const GADGETS = '/apis/example.com/v1/namespaces/default/gadgets';
const APPLY = 'application/apply-patch+yaml';

const GADGET_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gadgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
    versions: [{
      name: 'v1', served: true, storage: true, subresources: { status: {} },
      schema: {
        openAPIV3Schema: {
          type: 'object',
          properties: {
            spec: {
              type: 'object',
              required: ['size'],
              properties: {
                size: { type: 'integer', minimum: 1, maximum: 10 },
                color: { type: 'string', enum: ['red', 'blue'], default: 'red' },
                settings: { type: 'object', default: {}, properties: { mode: { type: 'string', default: 'fast' }, retries: { type: 'integer', default: 3 } } },
                ports: { type: 'array', items: { type: 'object', required: ['port'], properties: { port: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' } } } },
                extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                labels: { type: 'object', additionalProperties: { type: 'string' } },
              },
            },
            status: {
              type: 'object',
              default: { phase: 'Pending' },
              properties: { phase: { type: 'string', enum: ['Pending', 'Ready'] }, replicas: { type: 'integer', minimum: 0 } },
            },
          },
        },
      },
    }],
  },
};

const gadget = (name: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name }, spec, ...extra,
});

beforeAll(async () => {
  plane = await startTestControlPlane({ storage: 'memory' });
  api = new ApiClient(plane.url, plane.dataDir);
  expect((await api.send('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', GADGET_CRD)).status).toBe(201);
});
afterAll(async () => {
  api?.close();
  await plane?.dispose();
});

describe('defaulting', () => {
  it('fills nested defaults, defaults inside list items and the status default on create', async () => {
    const created = await api.send('POST', GADGETS, gadget('defaults', { size: 2, settings: { retries: 5 }, ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }));
    expect(created.status).toBe(201);
    expect(created.body.spec).toEqual({
      size: 2, color: 'red', settings: { retries: 5, mode: 'fast' }, ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }],
    });
    expect(created.body.status).toEqual({ phase: 'Pending' });
    expect((await api.send('GET', `${GADGETS}/defaults`)).body).toEqual(created.body);
  });

  it('defaults again what an update, a merge patch or a JSON patch leaves out or sets to null', async () => {
    const { body } = await api.send('POST', GADGETS, gadget('updated', { size: 2, color: 'blue' }));
    const put = await api.send('PUT', `${GADGETS}/updated`, { ...body, spec: { size: 3 } });
    expect(put.body.spec).toEqual({ size: 3, color: 'red', settings: { mode: 'fast', retries: 3 } });
    const merged = await api.send('PATCH', `${GADGETS}/updated`, { spec: { color: 'blue', settings: null } }, 'application/merge-patch+json');
    expect(merged.body.spec).toEqual({ size: 3, color: 'blue', settings: { mode: 'fast', retries: 3 } });
    const jsonPatched = await api.send('PATCH', `${GADGETS}/updated`, [{ op: 'remove', path: '/spec/color' }], 'application/json-patch+json');
    expect(jsonPatched.body.spec.color).toBe('red');
    expect(jsonPatched.body.metadata.generation).toBe(4);
  });

  it('defaults what server-side apply creates without giving the defaulted fields to the applier', async () => {
    const applied = await api.send('PATCH', `${GADGETS}/applied?fieldManager=tool`, JSON.stringify(gadget('applied', { size: 4 })), APPLY);
    expect(applied.status).toBe(201);
    expect(applied.body.spec).toEqual({ size: 4, color: 'red', settings: { mode: 'fast', retries: 3 } });
    expect(applied.body.metadata.managedFields).toMatchObject([{ manager: 'tool', operation: 'Apply', fieldsV1: { 'f:spec': { 'f:size': {} } } }]);
  });
});

describe('pruning', () => {
  it('drops undeclared fields at every depth, keeping metadata and x-kubernetes-preserve-unknown-fields subtrees', async () => {
    const created = await api.send('POST', GADGETS, gadget('pruned', {
      size: 1, unknown: true, ports: [{ port: 80, name: 'http' }], extra: { anything: { goes: [1] } }, labels: { a: 'b' },
    }, { topLevel: 'x', metadata: { name: 'pruned', labels: { kept: 'yes' } } }));
    expect(created.status).toBe(201);
    expect(created.body.topLevel).toBeUndefined();
    expect(created.body.metadata.labels).toEqual({ kept: 'yes' });
    expect(created.body.spec).toEqual({
      size: 1, color: 'red', settings: { mode: 'fast', retries: 3 }, ports: [{ port: 80, protocol: 'TCP' }], extra: { anything: { goes: [1] } }, labels: { a: 'b' },
    });
  });

  it('prunes a status subresource write the same way', async () => {
    await api.send('POST', GADGETS, gadget('status-pruned', { size: 1 }));
    const patched = await api.send('PATCH', `${GADGETS}/status-pruned/status`, { status: { replicas: 2, message: 'dropped' } }, 'application/merge-patch+json');
    expect(patched.status).toBe(200);
    expect(patched.body.status).toEqual({ phase: 'Pending', replicas: 2 });
  });

  it('refuses a server-side apply with undeclared fields as the API server\'s typed conversion does', async () => {
    const reply = await api.send('PATCH', `${GADGETS}/typed?fieldManager=tool`, JSON.stringify(gadget('typed', { size: 1, bogus: 1 }, { metadata: { name: 'typed', namespace: 'default' } })), APPLY);
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500,
      message: 'failed to create typed patch object (default/typed; example.com/v1, Kind=Gadget): .spec.bogus: field not declared in schema',
    });
    expect((await api.send('GET', `${GADGETS}/typed`)).status).toBe(404);
  });
});

describe('validation', () => {
  it('refuses an invalid object with 422 Invalid in the API server\'s words, and stores nothing', async () => {
    const reply = await api.send('POST', GADGETS, gadget('bad', { size: 0, color: 'green', ports: [{}] }));
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Invalid', code: 422,
      message: 'Gadget.example.com "bad" is invalid: [spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1, '
        + 'spec.color: Unsupported value: "green": supported values: "red", "blue", spec.ports[0].port: Required value]',
      details: {
        name: 'bad', group: 'example.com', kind: 'Gadget',
        causes: [
          { reason: 'FieldValueInvalid', message: 'Invalid value: 0: spec.size in body should be greater than or equal to 1', field: 'spec.size' },
          { reason: 'FieldValueNotSupported', message: 'Unsupported value: "green": supported values: "red", "blue"', field: 'spec.color' },
          { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.ports[0].port' },
        ],
      },
    });
    expect((await api.send('GET', `${GADGETS}/bad`)).status).toBe(404);
  });

  it('words a single cause without brackets', async () => {
    const reply = await api.send('POST', GADGETS, gadget('no-size', {}));
    expect(reply.status).toBe(422);
    expect(reply.body.message).toBe('Gadget.example.com "no-size" is invalid: spec.size: Required value');
  });

  it('validates dry runs the same way, and stores nothing for a valid one', async () => {
    expect((await api.send('POST', `${GADGETS}?dryRun=All`, gadget('dry', { size: 11 }))).body.message)
      .toBe('Gadget.example.com "dry" is invalid: spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10');
    const dry = await api.send('POST', `${GADGETS}?dryRun=All`, gadget('dry', { size: 1 }));
    expect(dry.status).toBe(201);
    expect(dry.body.spec.color).toBe('red');
    expect((await api.send('GET', `${GADGETS}/dry`)).status).toBe(404);
  });

  it('validates updates, patches and server-side applies', async () => {
    const { body } = await api.send('POST', GADGETS, gadget('guarded', { size: 1 }));
    expect((await api.send('PUT', `${GADGETS}/guarded`, { ...body, spec: { size: 'big' } })).body.message)
      .toBe('Gadget.example.com "guarded" is invalid: spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"');
    expect((await api.send('PATCH', `${GADGETS}/guarded`, { spec: { color: 'pink' } }, 'application/merge-patch+json')).body.message)
      .toBe('Gadget.example.com "guarded" is invalid: spec.color: Unsupported value: "pink": supported values: "red", "blue"');
    const applied = await api.send('PATCH', `${GADGETS}/guarded?fieldManager=tool&force=true`, JSON.stringify(gadget('guarded', { size: 20 })), APPLY);
    expect(applied.status).toBe(422);
    expect(applied.body.details.causes).toEqual([{ reason: 'FieldValueInvalid', message: 'Invalid value: 20: spec.size in body should be less than or equal to 10', field: 'spec.size' }]);
    expect((await api.send('GET', `${GADGETS}/guarded`)).body.spec.size).toBe(1);
  });

  it('validates only the status on the status subresource', async () => {
    await api.send('POST', GADGETS, gadget('status-checked', { size: 1 }));
    const reply = await api.send('PATCH', `${GADGETS}/status-checked/status`, { status: { phase: 'Gone', replicas: -1 } }, 'application/merge-patch+json');
    expect(reply.status).toBe(422);
    expect(reply.body.message).toBe('Gadget.example.com "status-checked" is invalid: [status.phase: Unsupported value: "Gone": supported values: "Pending", "Ready", '
      + 'status.replicas: Invalid value: -1: status.replicas in body should be greater than or equal to 0]');
    expect((await api.send('PATCH', `${GADGETS}/status-checked/status`, { status: { phase: 'Ready' } }, 'application/merge-patch+json')).body.status).toEqual({ phase: 'Ready' });
  });
});

describe('objects stored before their CRD\'s schema changed', () => {
  // Written straight to storage and then given a new default by a CRD update, as objects stored
  // under an older schema are.
  const storeLegacy = (name: string, spec: Record<string, unknown>) => {
    plane.store.backend.create(`example.com/gadgets/default/${name}`, (revision) => JSON.stringify({
      apiVersion: 'example.com/v1', kind: 'Gadget',
      metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: '2024-01-01T00:00:00Z', generation: 1, resourceVersion: String(revision) },
      spec,
    }));
  };

  beforeAll(async () => {
    storeLegacy('legacy', { size: 0, stale: true });
    storeLegacy('ratchet', { size: 0 });
    const tier = [{ op: 'add', path: '/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/tier', value: { type: 'string', default: 'gold' } }];
    expect((await api.send('PATCH', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.example.com', tier, 'application/json-patch+json')).status).toBe(200);
  });

  it('are served completed with the new schema (pruned and defaulted), in a get and a list', async () => {
    const got = await api.send('GET', `${GADGETS}/legacy`);
    expect(got.body.spec).toEqual({ size: 0, color: 'red', settings: { mode: 'fast', retries: 3 }, tier: 'gold' });
    expect(got.body.status).toEqual({ phase: 'Pending' });
    const listed = await api.send('GET', GADGETS);
    expect(listed.body.items.find((item: { metadata: { name: string } }) => item.metadata.name === 'legacy')).toEqual(got.body);
    expect(listed.body.items.find((item: { metadata: { name: string } }) => item.metadata.name === 'defaults').spec.tier).toBe('gold');
  });

  it('may keep what is invalid but unchanged (ratcheting), not change it into something invalid', async () => {
    const labelled = await api.send('PATCH', `${GADGETS}/ratchet`, { metadata: { labels: { touched: 'yes' } } }, 'application/merge-patch+json');
    expect(labelled.status).toBe(200);
    expect(labelled.body.spec).toEqual({ size: 0, color: 'red', settings: { mode: 'fast', retries: 3 }, tier: 'gold' });
    expect((await api.send('PATCH', `${GADGETS}/ratchet/status`, { status: { phase: 'Ready' } }, 'application/merge-patch+json')).status).toBe(200);
    const worse = await api.send('PATCH', `${GADGETS}/ratchet`, { spec: { size: -1 } }, 'application/merge-patch+json');
    expect(worse.body.message).toBe('Gadget.example.com "ratchet" is invalid: spec.size: Invalid value: -1: spec.size in body should be greater than or equal to 1');
  });
});
