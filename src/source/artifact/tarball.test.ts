import { chmod, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Header } from 'tar';
import { buildTarball } from './tarball.js';

let root: string;
beforeEach(async () => { root = await mkdtemp(join(tmpdir(), 'weir-tar-')); });
afterEach(async () => { await rm(root, { recursive: true, force: true }); });

/** Writes the same tree in a given file order, with given mtimes and modes. */
async function makeTree(dir: string, order: string[], mtime: Date): Promise<void> {
  const files: Record<string, string> = { 'b.yaml': 'b', 'a/z.txt': 'z', 'a/b/c.txt': 'c'.repeat(700), 'run.sh': '#!/bin/sh\n', 'é-ünïcode.txt': 'u' };
  await mkdir(dir, { recursive: true });
  for (const name of order) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), files[name]!);
    await utimes(join(dir, name), mtime, mtime);
  }
  await chmod(join(dir, 'run.sh'), 0o755);
  await chmod(join(dir, 'b.yaml'), 0o644);
}

function entries(bytes: Buffer): Array<{ path: string; mode: number; uid: number; gid: number; mtime: number; type: string; uname: string }> {
  const tar = gunzipSync(bytes);
  const out = [];
  let path: string | undefined;
  for (let off = 0; off + 512 <= tar.length; ) {
    const h = new Header(tar, off);
    if (h.nullBlock) break;
    const size = h.size ?? 0;
    if (h.type === 'ExtendedHeader') {
      path = /\d+ path=(.*)\n/.exec(tar.subarray(off + 512, off + 512 + size).toString('utf8'))?.[1];
    } else {
      out.push({ path: path ?? h.path!, mode: h.mode!, uid: h.uid!, gid: h.gid!, mtime: h.mtime!.getTime(), type: h.type, uname: h.uname ?? '' });
      path = undefined;
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

describe('buildTarball', () => {
  it('gives the same bytes for the same tree, whatever the mtimes and creation order', async () => {
    await makeTree(join(root, 'one'), ['b.yaml', 'a/z.txt', 'a/b/c.txt', 'run.sh', 'é-ünïcode.txt'], new Date('2020-01-01'));
    await makeTree(join(root, 'two'), ['é-ünïcode.txt', 'run.sh', 'a/b/c.txt', 'a/z.txt', 'b.yaml'], new Date('2024-06-30'));
    const one = await buildTarball(join(root, 'one'));
    const two = await buildTarball(join(root, 'two'));
    expect(one.bytes.equals(two.bytes)).toBe(true);
    expect(one.digest).toBe(`sha256:${createHash('sha256').update(one.bytes).digest('hex')}`);
    expect(one.size).toBe(one.bytes.length);
  });

  it('normalises headers as Flux does: uid/gid 0, no names, mtime 0, 0750/0700/0600', async () => {
    await makeTree(root, ['b.yaml', 'a/z.txt', 'a/b/c.txt', 'run.sh', 'é-ünïcode.txt'], new Date());
    const list = entries((await buildTarball(root)).bytes);
    expect(list.map((e) => e.path)).toEqual(['a/', 'a/b/', 'a/b/c.txt', 'a/z.txt', 'b.yaml', 'run.sh', 'é-ünïcode.txt']);
    for (const e of list) expect([e.uid, e.gid, e.mtime, e.uname]).toEqual([0, 0, 0, '']);
    const mode = Object.fromEntries(list.map((e) => [e.path, e.mode]));
    expect(mode).toMatchObject({ 'a/': 0o750, 'a/z.txt': 0o600, 'b.yaml': 0o600, 'run.sh': 0o700 });
  });

  it('keeps only regular files and directories, and honours the filter', async () => {
    await writeFile(join(root, 'keep.yaml'), 'k');
    await writeFile(join(root, 'drop.png'), 'p');
    await symlink('/etc/passwd', join(root, 'link'));
    await mkdir(join(root, 'skipdir'));
    await writeFile(join(root, 'skipdir', 'x'), 'x');
    const filter = (path: string) => path.endsWith('.png') || path === 'skipdir';
    expect(entries((await buildTarball(root, { filter })).bytes).map((e) => e.path)).toEqual(['keep.yaml']);
  });

  it('stores long paths through a pax record', async () => {
    const deep = join(root, 'd'.repeat(90), 'e'.repeat(90));
    await mkdir(deep, { recursive: true });
    await writeFile(join(deep, `${'f'.repeat(120)}.yaml`), 'x');
    const paths = entries((await buildTarball(root)).bytes).map((e) => e.path);
    expect(paths.at(-1)).toBe(`${'d'.repeat(90)}/${'e'.repeat(90)}/${'f'.repeat(120)}.yaml`);
  });
});
