// A ~50 MB repository (incompressible blobs across a few hundred files, with history) served by
// git daemon: the shallow checkout is complete, and the artifact built from it twice has the same
// digest and holds every file. Timings are printed under the test's name for the CI log.
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { list } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepository, startGitDaemon, tempDir, type TestFile, type TestServer } from '../../../test/support/git-servers.js';
import { buildTarball, writeTarball } from '../artifact/tarball.js';
import { checkoutGitRepository } from './checkout.js';

const BLOB = 128 * 1024;
const path = (i: number) => `data/${String(Math.floor(i / 25)).padStart(2, '0')}/blob-${String(i).padStart(3, '0')}.bin`;
/** Random (incompressible) blobs for files from..to-1. */
function blobs(from: number, to: number): Record<string, TestFile> {
  const files: Record<string, TestFile> = {};
  for (let i = from; i < to; i++) files[path(i)] = randomBytes(BLOB);
  return files;
}

/** Regular files under root, recursively. */
async function countFiles(root: string): Promise<number> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).length;
}

const timings: Record<string, number> = {};
async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try { return await fn(); } finally { timings[name] = Math.round(performance.now() - started); }
}

describe('a 50 MB repository', () => {
  let dir: { path: string; remove(): Promise<void> };
  let daemon: TestServer;
  let repo: TestRepository;
  let tip = '';
  // History: 300 blobs; then 100 more and 20 rewritten; then 10 removed and two text files added.
  const expectedFiles = 390 + 2;

  beforeAll(async () => {
    dir = await tempDir();
    await timed('create', async () => {
      repo = await TestRepository.create(dir.path, 'big');
      // Random bytes neither compress nor delta: spare the set-up both attempts.
      for (const [k, v] of [['core.compression', '0'], ['pack.window', '0']] as const) await repo.git(['config', k, v]);
      await repo.commit(blobs(0, 300), 'first 300 blobs');
      await repo.commit({ ...blobs(300, 400), ...blobs(0, 20) }, '100 more, 20 rewritten');
      const removed = Object.fromEntries(Array.from({ length: 10 }, (_, k) => [path(390 + k), null]));
      tip = await repo.commit({ ...removed, 'README.md': '# big\n', 'bin/run.sh': { content: '#!/bin/sh\n', mode: 0o755 } }, 'trim and document');
    });
    daemon = await startGitDaemon(dir.path);
  }, 90_000);

  afterAll(async () => {
    await daemon?.close();
    await dir?.remove();
  });

  it('checks out in full and packs into the same artifact twice', async ({ task }) => {
    const out = join(dir.path, 'out');
    const result = await timed('checkout', () =>
      checkoutGitRepository({ url: `${daemon.url}/big.git`, ref: { branch: 'main' }, cacheRoot: join(dir.path, 'cache'), targetDir: out, timeoutMs: 60_000 }));
    expect(result.resolved.revision).toBe(`main@sha1:${tip}`);
    expect(await countFiles(out)).toBe(expectedFiles);

    const file = join(dir.path, 'artifact.tar.gz');
    const first = await timed('tarball 1', () => writeTarball(out, file));
    const second = await timed('tarball 2', () => buildTarball(out));
    expect(second.digest).toBe(first.digest);
    expect(second.size).toBe(first.size);
    expect(first.size).toBeGreaterThan(50 * 1000 * 1000); // random bytes do not compress

    let archived = 0;
    await list({ file, onReadEntry: (entry) => { if (entry.type === 'File') archived++; } });
    expect(archived).toBe(expectedFiles);
    console.log(`${task.name}: ${Object.entries(timings).map(([k, ms]) => `${k} ${ms}ms`).join(', ')}`);
  }, 60_000);
});
