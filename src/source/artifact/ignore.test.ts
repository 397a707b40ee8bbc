import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildArtifactFilter, loadArtifactFilter } from './ignore.js';
import { listEntries } from './tarball.js';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'weir-ignore-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

async function tree(files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

async function kept(specIgnore?: string): Promise<string[]> {
  const entries = await listEntries(dir, await loadArtifactFilter(dir, specIgnore));
  return entries.filter((e) => !e.dir).map((e) => e.path);
}

describe('artifact ignore rules', () => {
  it('applies Flux default exclusions when no custom pattern exists', async () => {
    await tree({
      'deploy/app.yaml': '', 'logo.png': '', 'docs/pic.JPG.jpg': '', 'bundle.tar.gz': '', '.gitignore': '', '.gitmodules': '',
      '.github/workflows/ci.yaml': '', '.travis.yml': '', 'sub/.sops.yaml': '', 'sub/.flux.yaml': '', 'cloudbuild.yaml': '', '.git/config': '',
    });
    expect(await kept()).toEqual(['deploy/app.yaml']);
  });

  it('scopes .sourceignore patterns to their directory', async () => {
    await tree({
      'apps/.sourceignore': 'secret.yaml\n/local-only.yaml\n', 'apps/secret.yaml': '', 'apps/nested/secret.yaml': '', 'apps/local-only.yaml': '',
      'apps/nested/local-only.yaml': '', 'secret.yaml': '', 'local-only.yaml': '',
    });
    expect(await kept()).toEqual(['apps/.sourceignore', 'apps/nested/local-only.yaml', 'local-only.yaml', 'secret.yaml']);
  });

  it('drops the defaults once custom patterns exist, but never the VCS files', async () => {
    await tree({ '.sourceignore': '*.md\n', 'logo.png': '', 'README.md': '', '.gitignore': '', 'app.yaml': '' });
    expect(await kept()).toEqual(['.sourceignore', 'app.yaml', 'logo.png']);
  });

  it('applies spec.ignore last, so it can re-include what a .sourceignore excluded', async () => {
    await tree({ '.sourceignore': '*.yaml\n', 'a.yaml': '', 'b.yaml': '', 'c.txt': '' });
    expect(await kept('!a.yaml\n')).toEqual(['.sourceignore', 'a.yaml', 'c.txt']);
    expect(await kept('# only a comment\n')).toEqual(['.sourceignore', 'c.txt']);
  });

  it('treats spec.ignore as a replacement for the defaults', async () => {
    await tree({ 'logo.png': '', 'ci/.travis.yml': '', 'app.yaml': '', 'tmp/x': '' });
    expect(await kept('/tmp/\n')).toEqual(['app.yaml', 'ci/.travis.yml', 'logo.png']);
  });

  it('excludes a whole directory, so nothing below it can come back', () => {
    const filter = buildArtifactFilter([{ domain: '', patterns: ['build/', '!build/keep.txt'] }]);
    expect(filter('build', true)).toBe(true);
    expect(filter('src/build', true)).toBe(true);
    expect(filter('build', false)).toBe(false); // `build/` matches directories only
  });
});
