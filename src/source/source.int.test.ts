// The library end to end: a git server → checkout → ignore rules → tarball in storage → served
// over HTTP → downloaded with the recorded digest, the path a GitRepository reconcile takes.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { list } from 'tar';
import { Readable } from 'node:stream';
import { TestRepository, startGitDaemon, tempDir, type TestServer } from '../../test/support/git-servers.js';
import { ArtifactStorage, checkoutGitRepository, loadArtifactFilter, startArtifactServer, type ArtifactServer } from './index.js';

let dir: { path: string; remove(): Promise<void> };
let daemon: TestServer;
let server: ArtifactServer;
let sha = '';

beforeAll(async () => {
  dir = await tempDir('weir-source-');
  const repo = await TestRepository.create(dir.path, 'fleet');
  sha = await repo.commit({
    'clusters/prod/kustomization.yaml': 'resources: []\n', 'docs/diagram.png': 'png', '.github/workflows/ci.yaml': 'on: push\n', 'README.md': '# fleet\n',
  }, 'add the prod cluster');
  daemon = await startGitDaemon(dir.path);
  await mkdir(join(dir.path, 'storage'));
  server = await startArtifactServer({ root: join(dir.path, 'storage') });
});

afterAll(async () => {
  await server?.close();
  await daemon?.close();
  await dir?.remove();
});

describe('source library', () => {
  it('turns a branch into a served artifact whose digest matches what is downloaded', async () => {
    const checkout = join(dir.path, 'checkout');
    const result = await checkoutGitRepository({ url: `${daemon.url}/fleet.git`, ref: { branch: 'main' }, cacheRoot: join(dir.path, 'cache'), targetDir: checkout });
    const storage = new ArtifactStorage({ root: join(dir.path, 'storage'), advertisedAddress: server.url });
    const owner = { kind: 'GitRepository', namespace: 'flux-system', name: 'fleet' };
    const artifact = await storage.archive(owner, { fileName: `${result.commit.sha}.tar.gz`, revision: result.resolved.revision, sourceDir: checkout, filter: await loadArtifactFilter(checkout) });
    await storage.symlink(artifact.path);
    expect(artifact.revision).toBe(`main@sha1:${sha}`);
    expect(`stored artifact for commit '${result.commit.shortMessage}'`).toBe("stored artifact for commit 'add the prod cluster'");

    const response = await fetch(artifact.url);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(artifact.digest);
    const latest = Buffer.from(await (await fetch(artifact.url.replace(/[^/]+$/, 'latest.tar.gz'))).arrayBuffer());
    expect(latest.equals(bytes)).toBe(true);

    const paths: string[] = [];
    await new Promise<void>((resolve, reject) => {
      Readable.from(bytes).pipe(list({ onReadEntry: (entry) => { paths.push(entry.path); entry.resume(); } })).on('finish', resolve).on('error', reject);
    });
    expect(paths).toEqual(['README.md', 'clusters/', 'clusters/prod/', 'clusters/prod/kustomization.yaml', 'docs/']);
  });
});
