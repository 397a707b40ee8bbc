// Generated kustomization trees for the build benchmarks: an overlay with 20 patches on a base
// of 50 resources, 20 such overlays aggregated (1,020 resources), and one flat kustomization of
// 5,000 resources with a namespace and labels (the shapes of perf-anchors.md §4).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels:
    app: app-${i}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
      - name: app
        image: registry.example/app-${i}:1.0.0
        ports:
        - containerPort: 8080
        env:
        - name: INDEX
          value: "${i}"
`;
}

function service(i: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
spec:
  selector:
    app: app-${i}
  ports:
  - port: 80
    targetPort: 8080
`;
}

function configMap(i: number): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings-${i}
data:
  index: "${i}"
  level: info
`;
}

/** A base of 50 resources (20 Deployments, 20 Services, 10 ConfigMaps). */
function writeBase(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < 20; i++) {
    writeFileSync(join(dir, `deploy-${i}.yaml`), deployment(i));
    writeFileSync(join(dir, `svc-${i}.yaml`), service(i));
    files.push(`deploy-${i}.yaml`, `svc-${i}.yaml`);
  }
  for (let i = 0; i < 10; i++) {
    writeFileSync(join(dir, `cm-${i}.yaml`), configMap(i));
    files.push(`cm-${i}.yaml`);
  }
  writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n${files.map((f) => `- ${f}`).join('\n')}\n`);
}

/** An overlay of the base with 20 strategic merge patches, a name prefix, labels and an image. */
function writeOverlay(dir: string, base: string, prefix: string): void {
  mkdirSync(dir, { recursive: true });
  const patches: string[] = [];
  for (let i = 0; i < 20; i++) {
    writeFileSync(join(dir, `patch-${i}.yaml`), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: ${2 + (i % 3)}\n  template:\n    spec:\n      containers:\n      - name: app\n        resources:\n          limits:\n            memory: 128Mi\n`);
    patches.push(`- path: patch-${i}.yaml`);
  }
  writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n- ${base}\nnamePrefix: ${prefix}\ncommonLabels:\n  env: ${prefix.replace(/-$/, '')}\nimages:\n- name: registry.example/app-3\n  newTag: 2.0.0\nconfigMapGenerator:\n- name: overlay-settings\n  literals:\n  - overlay=${prefix}\npatches:\n${patches.join('\n')}\n`);
}

/** The benchmark trees under `root`, by name. */
export function writeBenchTrees(root: string): Record<'overlay' | 'aggregate' | 'flat', string> {
  writeBase(join(root, 'base'));
  writeOverlay(join(root, 'overlay'), '../base', 'prod-');
  const overlays: string[] = [];
  for (let i = 0; i < 20; i++) {
    writeOverlay(join(root, 'aggregate', `overlay-${i}`), '../../base', `o${i}-`);
    overlays.push(`- overlay-${i}`);
  }
  writeFileSync(join(root, 'aggregate', 'kustomization.yaml'), `resources:\n${overlays.join('\n')}\n`);
  const flat = join(root, 'flat');
  mkdirSync(flat, { recursive: true });
  const docs: string[] = [];
  for (let i = 0; i < 5000; i++) docs.push(i % 2 === 0 ? configMap(i) : service(i));
  writeFileSync(join(flat, 'resources.yaml'), docs.join('---\n'));
  writeFileSync(join(flat, 'kustomization.yaml'), 'namespace: flat\ncommonLabels:\n  team: bench\nlabels:\n- pairs:\n    tier: backend\nresources:\n- resources.yaml\n');
  return { overlay: join(root, 'overlay'), aggregate: join(root, 'aggregate'), flat };
}
