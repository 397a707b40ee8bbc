// Bad input gets a clear Status, never a crash or a half-written object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.js';
import { startTestControlPlane, type TestControlPlane } from './support/control-plane.js';

let plane: TestControlPlane;
let api: ApiClient;
const CMS = '/api/v1/namespaces/default/configmaps';

beforeAll(async () => {
  plane = await startTestControlPlane();
  api = new ApiClient(plane.url, plane.dataDir);
});
afterAll(async () => {
  api.close();
  await plane.dispose();
});

async function expectStatus(reply: Promise<{ status: number; body: any }>, code: number, reason: string, message?: RegExp | string) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const { status, body } = await reply;
  expect(status).toBe(code);
  expect(body).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code });
  if (message) expect(body.message).toMatch(message);
}

describe('bad input', () => {
  it('answers malformed JSON and YAML with 400 BadRequest', async () => {
    await expectStatus(api.send('POST', CMS, '{"metadata": {"name": "x"', 'application/json'), 400, 'BadRequest', /could not be decoded as JSON/);
    await expectStatus(api.send('POST', CMS, 'metadata: [unclosed', 'application/yaml'), 400, 'BadRequest', /error converting YAML to JSON/);
    await expectStatus(api.send('POST', CMS, '[1,2]', 'application/json'), 400, 'BadRequest', /must be a JSON or YAML object/);
    await expectStatus(api.send('PATCH', `${CMS}/none`, 'not json', 'application/merge-patch+json'), 404, 'NotFound');
  });

  it('answers unknown resources and wrong apiVersions without storing anything', async () => {
    await expectStatus(api.send('GET', '/apis/example.com/v1/namespaces/default/widgets'), 404, 'NotFound', 'the server could not find the requested resource');
    await expectStatus(api.send('POST', CMS, { apiVersion: 'apps/v1', kind: 'ConfigMap', metadata: { name: 'wrong-version' } }), 400, 'BadRequest', 'the API version in the data (apps/v1) does not match the expected API version (v1)');
    await expectStatus(api.send('POST', CMS, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'wrong-kind' } }), 400, 'BadRequest', /kind in the data \(Secret\)/);
    expect((await api.send('GET', `${CMS}/wrong-version`)).status).toBe(404);
  });

  it('refuses invalid names with the API server message', async () => {
    await expectStatus(api.send('POST', CMS, { metadata: { name: 'Bad_Name' } }), 422, 'Invalid', /metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    await expectStatus(api.send('POST', CMS, { metadata: {} }), 422, 'Invalid', /name or generateName is required/);
    await expectStatus(api.send('POST', '/api/v1/namespaces', { metadata: { name: 'a.b' } }), 422, 'Invalid', /RFC 1123 label/);
  });

  it('refuses bodies over 3 MiB with 413 and stores nothing', async () => {
    const huge = { metadata: { name: 'huge' }, data: { blob: 'x'.repeat(3 * 1024 * 1024 + 1) } };
    await expectStatus(api.send('POST', CMS, huge), 413, 'RequestEntityTooLarge');
    expect((await api.send('GET', `${CMS}/huge`)).status).toBe(404);
  });

  it('refuses writes into missing namespaces and unsupported media types', async () => {
    await expectStatus(api.send('POST', '/api/v1/namespaces/nowhere/configmaps', { metadata: { name: 'x' } }), 404, 'NotFound', 'namespaces "nowhere" not found');
    await expectStatus(api.send('POST', CMS, 'x', 'text/plain'), 415, 'UnsupportedMediaType');
    await expectStatus(api.send('PATCH', `${CMS}/x`, '{}', 'application/x-unknown-patch'), 415, 'UnsupportedMediaType');
  });

  it('applies nothing of a JSON patch that fails half-way', async () => {
    await api.send('POST', CMS, { metadata: { name: 'atomic' }, data: { a: '1' } });
    const patch = [{ op: 'add', path: '/data/b', value: '2' }, { op: 'remove', path: '/data/missing' }];
    await expectStatus(api.send('PATCH', `${CMS}/atomic`, patch, 'application/json-patch+json'), 422, 'Invalid');
    expect((await api.send('GET', `${CMS}/atomic`)).body.data).toEqual({ a: '1' });
  });

  it('requires a fieldManager for apply and refuses force on other patches', async () => {
    await expectStatus(api.send('PATCH', `${CMS}/ssa`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa' } }, 'application/apply-patch+yaml'), 422, 'Invalid', /fieldManager: Required value: is required for apply patch/);
    await expectStatus(api.send('PATCH', `${CMS}/atomic?force=true`, {}, 'application/merge-patch+json'), 422, 'Invalid', /force: Forbidden: may not be specified for non-apply patch/);
  });

  it('rejects requests without the token', async () => {
    const response = await fetchWithoutToken(plane.url + CMS);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
  });

  it('answers dryRun writes without storing them', async () => {
    const reply = await api.send('POST', `${CMS}?dryRun=All`, { metadata: { name: 'dry' }, data: { a: '1' } });
    expect(reply.status).toBe(201);
    expect(reply.body.metadata.uid).toBeDefined();
    expect((await api.send('GET', `${CMS}/dry`)).status).toBe(404);
    await expectStatus(api.send('POST', `${CMS}?dryRun=Some`, { metadata: { name: 'dry' } }), 400, 'BadRequest', /Invalid dry run value/);
  });
});

async function fetchWithoutToken(url: string): Promise<{ status: number; body: unknown }> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    request(url, { ca: plane.caCert }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    }).on('error', reject).end();
  });
}
