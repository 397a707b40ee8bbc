import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArtifactServer, type ArtifactServer } from './server.js';

let base: string;
let server: ArtifactServer;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'weir-serve-'));
  const root = join(base, 'storage');
  await mkdir(join(root, 'gitrepository/ns/app'), { recursive: true });
  await writeFile(join(root, 'gitrepository/ns/app/abc.tar.gz'), 'artifact-bytes');
  await symlink('abc.tar.gz', join(root, 'gitrepository/ns/app/latest.tar.gz'));
  await writeFile(join(base, 'secret.txt'), 'outside');
  await symlink(join(base, 'secret.txt'), join(root, 'gitrepository/ns/app/escape.tar.gz'));
  await symlink(base, join(root, 'gitrepository/ns/dir-escape'));
  server = await startArtifactServer({ root });
});
afterAll(async () => {
  await server.close();
  await rm(base, { recursive: true, force: true });
});

/** Sends a raw request path (no client-side normalisation of `..`). */
function get(path: string, method = 'GET'): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('artifact server', () => {
  it('serves artifact files and the latest symlink', async () => {
    const res = await get('/gitrepository/ns/app/abc.tar.gz');
    expect([res.status, res.body, res.headers['content-type']]).toEqual([200, 'artifact-bytes', 'application/gzip']);
    expect((await get('/gitrepository/ns/app/latest.tar.gz')).body).toBe('artifact-bytes');
  });

  it('answers HEAD without a body', async () => {
    const res = await get('/gitrepository/ns/app/abc.tar.gz', 'HEAD');
    expect([res.status, res.body, res.headers['content-length']]).toEqual([200, '', '14']);
  });

  it('refuses other methods', async () => {
    const res = await get('/gitrepository/ns/app/abc.tar.gz', 'PUT');
    expect([res.status, res.headers.allow]).toEqual([405, 'GET, HEAD']);
  });

  it('lists no directories', async () => {
    expect((await get('/')).status).toBe(404);
    expect((await get('/gitrepository/ns/app/')).status).toBe(404);
  });

  it('never serves anything outside the root', async () => {
    for (const path of ['/../secret.txt', '/gitrepository/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/gitrepository/ns/app/escape.tar.gz',
      '/gitrepository/ns/dir-escape/secret.txt', '/%00', '/%E0%A4%A']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('outside');
    }
  });
});
