// Differential fuzzing: random kustomizations built from the common features, each built by Weir
// and by `kubectl kustomize`; the outputs must be byte-identical. Skipped without kubectl.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kubectlInstalled } from '../support/kubectl.js';
import { engineReady, loadEngine } from './engine.js';

const name = fc.constantFrom('web', 'api', 'db', 'cache');
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);

const deployment = (n: string, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${n}
spec:
  selector:
    matchLabels: {app: ${n}}
  template:
    metadata:
      labels: {app: ${n}}
    spec:
      containers:
      - name: main
        image: ${image}
        envFrom: [{configMapRef: {name: settings}}]
`;
const service = (n: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${n}}\nspec:\n  selector: {app: ${n}}\n  ports: [{port: 80}]\n`;

/** A random tree: one kustomization over a few workloads, with optional transformers. */
const tree = fc.record({
  apps: fc.uniqueArray(name, { minLength: 1, maxLength: 3 }),
  image: fc.constantFrom('nginx', 'nginx:1.25', 'registry.io/team/nginx:2@sha256:abc', 'busybox'),
  namespace: fc.option(word, { nil: undefined }),
  prefix: fc.option(word.map((w) => `${w}-`), { nil: undefined }),
  suffix: fc.option(word.map((w) => `-${w}`), { nil: undefined }),
  labels: fc.dictionary(word, word, { maxKeys: 2 }),
  annotations: fc.dictionary(word, word, { maxKeys: 2 }),
  newTag: fc.option(fc.constantFrom('3.0', 'latest'), { nil: undefined }),
  replicas: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  literals: fc.uniqueArray(word, { minLength: 1, maxLength: 3 }),
  overlay: fc.option(fc.record({
    prefix: word.map((w) => `${w}-`),
    namespace: fc.option(word, { nil: undefined }),
    merge: fc.uniqueArray(word, { maxLength: 2 }),
    replicas: fc.integer({ min: 1, max: 9 }),
  }), { nil: undefined }),
});

type Tree = typeof tree extends fc.Arbitrary<infer T> ? T : never;

function files(t: Tree): Record<string, string> {
  const lines = [`resources: [app.yaml]`, `configMapGenerator:\n- name: settings\n  literals: [${t.literals.map((l) => `${l}=v-${l}`).join(', ')}]`];
  if (t.namespace) lines.push(`namespace: ${t.namespace}x`);
  if (t.prefix) lines.push(`namePrefix: ${t.prefix}`);
  if (t.suffix) lines.push(`nameSuffix: ${t.suffix}`);
  if (Object.keys(t.labels).length) lines.push(`labels:\n- includeSelectors: true\n  pairs: ${JSON.stringify(t.labels)}`);
  if (Object.keys(t.annotations).length) lines.push(`commonAnnotations: ${JSON.stringify(t.annotations)}`);
  if (t.newTag) lines.push(`images:\n- name: nginx\n  newTag: "${t.newTag}"`);
  if (t.replicas !== undefined) lines.push(`replicas:\n- name: ${t.apps[0]}\n  count: ${t.replicas}`);
  const app = t.apps.map((a) => `${deployment(a, t.image)}---\n${service(a)}`).join('---\n');
  if (!t.overlay) return { 'kustomization.yaml': `${lines.join('\n')}\n`, 'app.yaml': app };
  // An overlay over the same tree as a base: prefix, namespace, a generator merge and a patch by original name.
  const o = t.overlay;
  const overlay = [`resources: [base]`, `namePrefix: ${o.prefix}`];
  if (o.namespace) overlay.push(`namespace: ${o.namespace}y`);
  if (o.merge.length) overlay.push(`configMapGenerator:\n- name: settings\n  behavior: merge\n  literals: [${o.merge.map((l) => `${l}=o-${l}`).join(', ')}]`);
  overlay.push(`patches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: ${t.apps[0]}}\n    spec: {replicas: ${o.replicas}}`);
  return { 'kustomization.yaml': `${overlay.join('\n')}\n`, 'base/kustomization.yaml': `${lines.join('\n')}\n`, 'base/app.yaml': app };
}

function kubectlKustomize(tree: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'weir-fuzz-'));
  try {
    for (const [path, text] of Object.entries(tree)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return execFileSync('kubectl', ['kustomize', root], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe.skipIf(!engineReady || !kubectlInstalled())('kustomize differential fuzzing against kubectl kustomize', () => {
  it('builds random kustomizations byte-identically', async () => {
    const { build, memoryFileSystem } = await loadEngine();
    fc.assert(fc.property(tree, (t) => {
      const tree = files(t);
      expect(build('/', { fs: memoryFileSystem(tree) }).toYaml()).toBe(kubectlKustomize(tree));
    }), { numRuns: 25 });
  }, 120_000);
});
