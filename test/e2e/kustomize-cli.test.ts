// `weir kustomize build DIR` as a user runs it — `bin/weir` on the bundle `npm ci` builds (built
// afresh here) — the same bytes as `kubectl kustomize DIR` on stdout, and on failure a one-line
// error naming the file on stderr with a non-zero exit.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlInstalled } from '../support/kubectl.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const tree = mkdtempSync(join(tmpdir(), 'weir-kcli-'));
afterAll(() => rmSync(tree, { recursive: true, force: true }));
beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/bundle-cli.mjs')], { cwd: root, stdio: 'inherit' });
});

function weir(...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin/weir'), ...args], { cwd: root, encoding: 'utf8' });
}

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
}

write({
  'base/kustomization.yaml': 'resources: [app.yaml]\nconfigMapGenerator:\n- name: settings\n  literals: [LEVEL=info]\n',
  'base/app.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n        envFrom: [{configMapRef: {name: settings}}]\n',
  'prod/kustomization.yaml': 'resources: [../base]\nnamespace: prod\nnamePrefix: prod-\nimages:\n- name: nginx\n  newTag: "1.27"\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: web}\n    spec: {replicas: 3}\n',
  'broken/kustomization.yaml': 'resources: [missing.yaml]\n',
  'escape/kustomization.yaml': 'resources: [../base/app.yaml]\n',
});

describe('weir kustomize build', () => {
  it.skipIf(!kubectlInstalled())('prints exactly what kubectl kustomize prints', () => {
    const ours = weir('kustomize', 'build', join(tree, 'prod'));
    expect(ours.stderr).toBe('');
    expect(ours.status).toBe(0);
    expect(ours.stdout).toBe(execFileSync('kubectl', ['kustomize', join(tree, 'prod')], { encoding: 'utf8' }));
    expect(ours.stdout).toContain('name: prod-settings-');
  });

  it('fails with the file and field on stderr and a non-zero exit', () => {
    const result = weir('kustomize', 'build', join(tree, 'broken'));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("kustomization.yaml: resources: 'missing.yaml' doesn't exist");
  });

  it('refuses files outside the kustomization unless the load restrictor is none', () => {
    const refused = weir('kustomize', 'build', join(tree, 'escape'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("security; file '../base/app.yaml' is not in or below");
    const allowed = weir('kustomize', 'build', '--load-restrictor', 'LoadRestrictionsNone', join(tree, 'escape'));
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain('kind: Deployment');
  });
});
