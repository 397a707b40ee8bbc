// The real kubectl against a fresh control plane: client-side and server-side apply, create,
// replace and diff — each scenario checks what the command left behind, not only its exit code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestControlPlane, type TestControlPlane } from '../support/control-plane.js';
import { createNamespace, GADGET_CRD, gadgetJson, managers, stored, WIDGET_CRD, widgetYaml } from '../support/kubectl-fixtures.js';
import { Kubectl, kubectlInstalled, kubectlSuite } from '../support/kubectl.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const CONFIGMAPS = { plural: 'configmaps' };

function configMap(name: string, namespace: string, data: Record<string, string>, labels?: Record<string, string>): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...(labels ? { labels } : {}) }, data });
}

function deployment(namespace: string, images: { a: string; b: string }): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${namespace}
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: a
        image: ${images.a}
      - name: b
        image: ${images.b}
`;
}

describe.skipIf(!kubectlInstalled())(kubectlSuite('apply, create, replace and diff'), () => {
  let plane: TestControlPlane;
  let kubectl: Kubectl;

  beforeAll(async () => {
    plane = await startTestControlPlane({ storage: 'memory' });
    kubectl = new Kubectl(plane.kubeconfigPath);
  });
  afterAll(async () => {
    kubectl?.dispose();
    await plane?.dispose();
  });

  describe('client-side apply', () => {
    it('creates, leaves unchanged, then configures a ConfigMap, merging with the live object', async () => {
      const ns = createNamespace(plane, 'csa');
      const first = kubectl.file('csa-1.json', configMap('app', ns, { key1: 'v1', key2: 'v2' }, { app: 'demo' }));
      expect(await kubectl.ok(['apply', '-f', first])).toBe('configmap/app created\n');
      const created = await kubectl.json(['get', 'cm', 'app', '-n', ns]);
      expect(created.data).toEqual({ key1: 'v1', key2: 'v2' });
      expect(JSON.parse(created.metadata.annotations[LAST_APPLIED])).toEqual({
        apiVersion: 'v1', kind: 'ConfigMap', data: { key1: 'v1', key2: 'v2' },
        metadata: { annotations: {}, labels: { app: 'demo' }, name: 'app', namespace: ns },
      });

      expect(await kubectl.ok(['apply', '-f', first])).toBe('configmap/app unchanged\n');
      expect((await kubectl.json(['get', 'cm', 'app', '-n', ns])).metadata.resourceVersion).toBe(created.metadata.resourceVersion);

      // A key someone else added stays; a key dropped from the manifest goes.
      await kubectl.ok(['patch', 'cm', 'app', '-n', ns, '--type=merge', '-p', '{"data":{"extra":"kept"}}']);
      const second = kubectl.file('csa-2.json', configMap('app', ns, { key1: 'v1', key3: 'v3' }, { app: 'demo' }));
      expect(await kubectl.ok(['apply', '-f', second])).toBe('configmap/app configured\n');
      const configured = await kubectl.json(['get', 'cm', 'app', '-n', ns]);
      expect(configured.data).toEqual({ key1: 'v1', key3: 'v3', extra: 'kept' });
      expect(JSON.parse(configured.metadata.annotations[LAST_APPLIED]).data).toEqual({ key1: 'v1', key3: 'v3' });
      expect(managers(stored(plane, CONFIGMAPS, ns, 'app')).map((m) => `${m.manager}/${m.operation}`).sort()).toEqual([
        'kubectl-client-side-apply/Update', 'kubectl-patch/Update',
      ]);
    });

    it('patches one container of a Deployment with $setElementOrder and keeps the other', async () => {
      const ns = createNamespace(plane, 'csa-deploy');
      await kubectl.ok(['apply', '-f', kubectl.file('deploy-1.yaml', deployment(ns, { a: 'nginx:1', b: 'busybox:1' }))]);
      const update = kubectl.file('deploy-2.yaml', deployment(ns, { a: 'nginx:2', b: 'busybox:1' }));
      const verbose = await kubectl.run(['apply', '-f', update, '-v=8']);
      expect(verbose.code).toBe(0);
      expect(verbose.stdout).toBe('deployment.apps/web configured\n');
      expect(verbose.stderr).toContain('application/strategic-merge-patch+json');
      expect(verbose.stderr).toContain('\\"$setElementOrder/containers\\":[{\\"name\\":\\"a\\"},{\\"name\\":\\"b\\"}]');
      const live = await kubectl.json(['get', 'deploy', 'web', '-n', ns]);
      expect(live.spec.template.spec.containers).toEqual([{ name: 'a', image: 'nginx:2' }, { name: 'b', image: 'busybox:1' }]);
      expect(live.metadata.generation).toBe(2);
    });

    it('applies a custom resource with a JSON merge patch', async () => {
      const ns = createNamespace(plane, 'csa-cr');
      await kubectl.ok(['apply', '-f', kubectl.file('widget-crd.yaml', WIDGET_CRD)]);
      expect(await kubectl.ok(['apply', '-f', kubectl.file('w-1.json', widgetYaml('w1', ns, { size: 3, color: 'red' }))])).toBe('widget.example.com/w1 created\n');
      const verbose = await kubectl.run(['apply', '-f', kubectl.file('w-2.json', widgetYaml('w1', ns, { size: 4 })), '-v=8']);
      expect(verbose.stdout).toBe('widget.example.com/w1 configured\n');
      expect(verbose.stderr).toContain('Content-Type: application/merge-patch+json');
      const live = await kubectl.json(['get', 'widget', 'w1', '-n', ns]);
      expect(live.spec).toEqual({ size: 4 });
      expect(live.metadata.generation).toBe(2);
      expect(JSON.parse(live.metadata.annotations[LAST_APPLIED]).spec).toEqual({ size: 4 });
    });
  });

  describe('server-side apply', () => {
    it('records the fields it set under the manager kubectl', async () => {
      const ns = createNamespace(plane, 'ssa');
      const file = kubectl.file('ssa.json', configMap('ssa', ns, { x: '1' }, { app: 'demo' }));
      expect(await kubectl.ok(['apply', '--server-side', '-f', file])).toBe('configmap/ssa serverside-applied\n');
      expect((await kubectl.json(['get', 'cm', 'ssa', '-n', ns])).data).toEqual({ x: '1' });
      expect(managers(stored(plane, CONFIGMAPS, ns, 'ssa'))).toEqual([
        { manager: 'kubectl', operation: 'Apply', fieldsV1: { 'f:data': { 'f:x': {} }, 'f:metadata': { 'f:labels': { 'f:app': {} } } } },
      ]);
    });

    it('refuses a second manager\'s change with the server\'s conflict text, then --force-conflicts takes the field', async () => {
      const ns = createNamespace(plane, 'ssa-conflict');
      await kubectl.ok(['apply', '--server-side', '--field-manager=a', '-f', kubectl.file('a.json', configMap('shared', ns, { x: '1' }))]);
      const fromB = kubectl.file('b.json', configMap('shared', ns, { x: '2' }));
      const conflict = await kubectl.run(['apply', '--server-side', '--field-manager=b', '-f', fromB]);
      expect(conflict.code).toBe(1);
      expect(conflict.stdout).toBe('');
      expect(conflict.stderr.split('\n')[0]).toBe('error: Apply failed with 1 conflict: conflict with "a": .data.x');
      expect(conflict.stderr).toContain('--force-conflicts');
      expect((await kubectl.json(['get', 'cm', 'shared', '-n', ns])).data).toEqual({ x: '1' });

      expect(await kubectl.ok(['apply', '--server-side', '--field-manager=b', '--force-conflicts', '-f', fromB])).toBe('configmap/shared serverside-applied\n');
      expect((await kubectl.json(['get', 'cm', 'shared', '-n', ns])).data).toEqual({ x: '2' });
      // `a` owned nothing else, so its entry is gone.
      expect(managers(stored(plane, CONFIGMAPS, ns, 'shared'))).toEqual([{ manager: 'b', operation: 'Apply', fieldsV1: { 'f:data': { 'f:x': {} } } }]);
    });

    it('takes over an object that was applied client-side (kubectl\'s managedFields migration)', async () => {
      const ns = createNamespace(plane, 'ssa-migrate');
      await kubectl.ok(['apply', '-f', kubectl.file('mig-1.json', configMap('mig', ns, { key1: 'v1', key2: 'v2' }, { app: 'demo' }))]);
      const verbose = await kubectl.run(['apply', '--server-side', '-f', kubectl.file('mig-2.json', configMap('mig', ns, { key1: 'v1', key2: 'v2' }, { app: 'demo' })), '-v=6']);
      expect(verbose.stdout).toBe('configmap/mig serverside-applied\n');
      // The four writes of §4.6: apply, last-applied side-patch, managedFields JSON patch, apply again.
      expect(verbose.stderr.match(/PATCH https:\S+\/configmaps\/mig\?\S+ 200 OK/g)).toHaveLength(4);
      const migrated = managers(stored(plane, CONFIGMAPS, ns, 'mig'));
      expect(migrated.map((m) => `${m.manager}/${m.operation}`)).toEqual(['kubectl/Apply', 'kubectl-last-applied/Apply']);
      expect(migrated[0]!.fieldsV1).toEqual({ 'f:data': { 'f:key1': {}, 'f:key2': {} }, 'f:metadata': { 'f:labels': { 'f:app': {} } } });

      // kubectl now owns the keys, so dropping one from the manifest removes it.
      await kubectl.ok(['apply', '--server-side', '-f', kubectl.file('mig-3.json', configMap('mig', ns, { key1: 'v1' }, { app: 'demo' }))]);
      expect((await kubectl.json(['get', 'cm', 'mig', '-n', ns])).data).toEqual({ key1: 'v1' });
    });
  });

  describe('create and replace', () => {
    it('creates every document of a YAML file, a Secret\'s stringData stored as data', async () => {
      const ns = createNamespace(plane, 'create-yaml');
      const file = kubectl.file('multi.yaml', `apiVersion: v1
kind: ConfigMap
metadata: {name: m1}
data: {a: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: m2}
data: {b: "2"}
---
apiVersion: v1
kind: Secret
metadata: {name: s1}
stringData: {password: hunter2}
`);
      expect(await kubectl.ok(['create', '-f', file, '-n', ns])).toBe('configmap/m1 created\nconfigmap/m2 created\nsecret/s1 created\n');
      expect(await kubectl.ok(['get', 'cm,secret', '-n', ns, '-o', 'name'])).toBe('configmap/m1\nconfigmap/m2\nsecret/s1\n');
      const secret = await kubectl.json(['get', 'secret', 's1', '-n', ns]);
      expect(secret.data).toEqual({ password: Buffer.from('hunter2').toString('base64') });
      expect(secret.stringData).toBeUndefined();
      expect(secret.type).toBe('Opaque');
      expect(managers(stored(plane, CONFIGMAPS, ns, 'm1'))[0]?.manager).toBe('kubectl-create');
    });

    it('creates the items of a JSON List and a stream of JSON objects', async () => {
      const ns = createNamespace(plane, 'create-json');
      const list = { apiVersion: 'v1', kind: 'List', items: [1, 2].map((i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `j${i}` }, data: { i: String(i) } })) };
      expect(await kubectl.ok(['create', '-f', kubectl.file('list.json', JSON.stringify(list)), '-n', ns])).toBe('configmap/j1 created\nconfigmap/j2 created\n');
      const stream = `${configMap('j3', ns, { i: '3' })}\n${configMap('j4', ns, { i: '4' })}\n`;
      expect(await kubectl.ok(['create', '-f', kubectl.file('stream.json', stream)])).toBe('configmap/j3 created\nconfigmap/j4 created\n');
      const items = (await kubectl.json(['get', 'cm', '-n', ns])).items as Array<{ metadata: { name: string }; data: { i: string } }>;
      expect(items.map((cm) => `${cm.metadata.name}=${cm.data.i}`)).toEqual(['j1=1', 'j2=2', 'j3=3', 'j4=4']);
    });

    it('creates a namespace, a ConfigMap from literals and a Deployment (protobuf bodies)', async () => {
      expect(await kubectl.ok(['create', 'ns', 'typed'])).toBe('namespace/typed created\n');
      const ns = await kubectl.json(['get', 'ns', 'typed']);
      expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'typed' });
      expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
      expect(ns.status).toEqual({ phase: 'Active' });
      const again = await kubectl.run(['create', 'ns', 'typed']);
      expect(again.code).toBe(1);
      expect(again.stderr).toBe('Error from server (AlreadyExists): namespaces "typed" already exists\n');

      expect(await kubectl.ok(['create', 'cm', 'lit', '-n', 'typed', '--from-literal=a=b', '--from-literal=c=d'])).toBe('configmap/lit created\n');
      expect((await kubectl.json(['get', 'cm', 'lit', '-n', 'typed'])).data).toEqual({ a: 'b', c: 'd' });

      expect(await kubectl.ok(['create', 'deployment', 'd1', '-n', 'typed', '--image=nginx:1', '--replicas=2', '--port=80'])).toBe('deployment.apps/d1 created\n');
      const created = await kubectl.json(['get', 'deploy', 'd1', '-n', 'typed']);
      expect(created.metadata.labels).toEqual({ app: 'd1' });
      expect(created.spec.replicas).toBe(2);
      expect(created.spec.selector).toEqual({ matchLabels: { app: 'd1' } });
      expect(created.spec.template.spec.containers).toMatchObject([{ name: 'nginx', image: 'nginx:1', ports: [{ containerPort: 80 }] }]);
      expect(managers(stored(plane, { group: 'apps', plural: 'deployments' }, 'typed', 'd1'))[0]?.manager).toBe('kubectl-create');
    });

    it('replaces with the current resourceVersion and refuses a stale one with Conflict', async () => {
      const ns = createNamespace(plane, 'replace');
      await kubectl.ok(['create', 'cm', 'r', '-n', ns, '--from-literal=a=1']);
      const live = await kubectl.json(['get', 'cm', 'r', '-n', ns]);
      const current = kubectl.file('r-current.json', JSON.stringify({ ...live, data: { a: '2' } }));
      expect(await kubectl.ok(['replace', '-f', current])).toBe('configmap/r replaced\n');
      const stale = kubectl.file('r-stale.json', JSON.stringify({ ...live, data: { a: '3' } }));
      const refused = await kubectl.run(['replace', '-f', stale]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(`Error from server (Conflict): error when replacing "${stale}": Operation cannot be fulfilled on configmaps "r": the object has been modified; please apply your changes to the latest version and try again\n`);
      expect((await kubectl.json(['get', 'cm', 'r', '-n', ns])).data).toEqual({ a: '2' });
    });
  });

  describe('diff', () => {
    it('prints nothing for no change, a unified diff for a change and for a new object, and writes nothing', async () => {
      const ns = createNamespace(plane, 'diff');
      await kubectl.ok(['apply', '-f', kubectl.file('d-1.json', configMap('app', ns, { key1: 'v1' }))]);
      expect(await kubectl.run(['diff', '-f', kubectl.file('d-1.json', configMap('app', ns, { key1: 'v1' }))])).toEqual({ code: 0, stdout: '', stderr: '' });

      const changed = await kubectl.run(['diff', '-f', kubectl.file('d-2.json', configMap('app', ns, { key1: 'changed' }))]);
      expect(changed.code).toBe(1);
      const lines = changed.stdout.split('\n');
      expect(lines[0]).toMatch(new RegExp(`^diff -u -N \\S+/v1\\.ConfigMap\\.${ns}\\.app \\S+/v1\\.ConfigMap\\.${ns}\\.app$`));
      expect(lines).toContain('-  key1: v1');
      expect(lines).toContain('+  key1: changed');
      expect((await kubectl.json(['get', 'cm', 'app', '-n', ns])).data).toEqual({ key1: 'v1' });

      const added = await kubectl.run(['diff', '-f', kubectl.file('d-3.json', configMap('fresh', ns, { k: 'v' }))]);
      expect(added.code).toBe(1);
      expect(added.stdout).toMatch(/^@@ -0,0 \+1,\d+ @@$/m);
      expect(added.stdout.split('\n')).toEqual(expect.arrayContaining(['+  k: v', '+  name: fresh', `+  namespace: ${ns}`]));
      expect(stored(plane, CONFIGMAPS, ns, 'fresh')).toBeUndefined();
    });

    it('diffs a server-side apply as a dry run', async () => {
      const ns = createNamespace(plane, 'diff-ssa');
      await kubectl.ok(['apply', '--server-side', '-f', kubectl.file('ds-1.json', configMap('app', ns, { key1: 'v1' }))]);
      const same = await kubectl.run(['diff', '--server-side', '-f', kubectl.file('ds-1.json', configMap('app', ns, { key1: 'v1' }))]);
      expect(same).toEqual({ code: 0, stdout: '', stderr: '' });
      const changed = await kubectl.run(['diff', '--server-side', '-f', kubectl.file('ds-2.json', configMap('app', ns, { key1: 'v2' }))]);
      expect(changed.code).toBe(1);
      expect(changed.stdout.split('\n')).toEqual(expect.arrayContaining(['-  key1: v1', '+  key1: v2']));
      expect((await kubectl.json(['get', 'cm', 'app', '-n', ns])).data).toEqual({ key1: 'v1' });
    });
  });

  describe('custom resource schemas', () => {
    beforeAll(async () => {
      await kubectl.ok(['apply', '-f', kubectl.file('gadget-crd.yaml', GADGET_CRD)]);
    });

    it('fills the schema\'s defaults (nested, in list items, status) and prunes undeclared fields', async () => {
      const ns = createNamespace(plane, 'cr-defaults');
      // --validate=false: with strict field validation a real API server refuses the unknown field instead.
      const file = kubectl.file('g-defaults.json', gadgetJson('g', ns, { size: 2, ports: [{ port: 80 }], shape: 'round' }));
      expect(await kubectl.ok(['apply', '--validate=false', '-f', file])).toBe('gadget.example.com/g created\n');
      const live = await kubectl.json(['get', 'gadget', 'g', '-n', ns]);
      expect(live.spec).toEqual({ size: 2, color: 'red', settings: { mode: 'fast' }, ports: [{ port: 80, protocol: 'TCP' }] });
      expect(live.status).toEqual({ phase: 'Pending' });
      expect(await kubectl.ok(['get', 'gadget', 'g', '-n', ns, '-o', 'jsonpath={.spec.settings.mode}'])).toBe('fast');
    });

    it('prints the server\'s 422 for an invalid custom resource, from create, apply and a status patch', async () => {
      const ns = createNamespace(plane, 'cr-invalid');
      const bad = kubectl.file('g-bad.json', gadgetJson('bad', ns, { size: 0, color: 'green' }));
      const created = await kubectl.run(['create', '-f', bad]);
      // kubectl sends map keys sorted, so color is checked before size.
      expect(created).toEqual({
        code: 1, stdout: '',
        stderr: 'The Gadget "bad" is invalid: \n'
          + '* spec.color: Unsupported value: "green": supported values: "red", "blue"\n'
          + '* spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1\n',
      });
      const applied = await kubectl.run(['apply', '--server-side', '-f', kubectl.file('g-big.json', gadgetJson('big', ns, { size: 11 }))]);
      expect(applied).toEqual({ code: 1, stdout: '', stderr: 'The Gadget "big" is invalid: spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10\n' });
      expect(await kubectl.ok(['get', 'gadgets', '-n', ns, '-o', 'name'])).toBe('');

      await kubectl.ok(['apply', '-f', kubectl.file('g-ok.json', gadgetJson('ok', ns, { size: 1 }))]);
      const status = await kubectl.run(['patch', 'gadget', 'ok', '-n', ns, '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Gone"}}']);
      expect(status).toEqual({ code: 1, stdout: '', stderr: 'The Gadget "ok" is invalid: status.phase: Unsupported value: "Gone": supported values: "Pending", "Ready"\n' });
    });
  });
});
