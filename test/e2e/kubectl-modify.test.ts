// The real kubectl against a fresh control plane: changing and removing objects — label,
// annotate, patch, scale, delete (finalizers, namespaces, selectors, garbage collection), wait —
// and the errors bad input gets. Each scenario reads back what the command did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestControlPlane, type TestControlPlane } from '../support/control-plane.js';
import { createNamespace, stored, WIDGET_CRD, widgetYaml } from '../support/kubectl-fixtures.js';
import { eventually, Kubectl, kubectlInstalled, kubectlSuite, type KubectlResult } from '../support/kubectl.js';

const CONFIGMAPS = { plural: 'configmaps' };
const WIDGETS = { group: 'example.com', plural: 'widgets' };
const CONFLICT = (name: string) => `Error from server (Conflict): Operation cannot be fulfilled on configmaps "${name}": the object has been modified; please apply your changes to the latest version and try again\n`;

describe.skipIf(!kubectlInstalled())(kubectlSuite('label, annotate, patch, scale, delete and wait'), () => {
  let plane: TestControlPlane;
  let kubectl: Kubectl;

  beforeAll(async () => {
    plane = await startTestControlPlane({ storage: 'memory' });
    kubectl = new Kubectl(plane.kubeconfigPath);
    await kubectl.ok(['apply', '-f', kubectl.file('widget-crd.yaml', WIDGET_CRD)]);
  });
  afterAll(async () => {
    kubectl?.dispose();
    await plane?.dispose();
  });

  const configMapIn = async (ns: string, name: string, extra: string[] = []) => {
    await kubectl.ok(['create', 'cm', name, '-n', ns, '--from-literal=a=1', ...extra]);
  };

  describe('label and annotate', () => {
    it('adds, refuses to overwrite, overwrites and removes a label', async () => {
      const ns = createNamespace(plane, 'label');
      await configMapIn(ns, 'x');
      expect(await kubectl.ok(['label', 'cm', 'x', '-n', ns, 'env=dev'])).toBe('configmap/x labeled\n');
      expect(await kubectl.run(['label', 'cm', 'x', '-n', ns, 'env=prod'])).toEqual({ code: 1, stdout: '', stderr: "error: 'env' already has a value (dev), and --overwrite is false\n" });
      expect((await kubectl.json(['get', 'cm', 'x', '-n', ns])).metadata.labels).toEqual({ env: 'dev' });
      expect(await kubectl.ok(['label', 'cm', 'x', '-n', ns, 'env=prod', 'tier=web', '--overwrite'])).toBe('configmap/x labeled\n');
      expect((await kubectl.json(['get', 'cm', 'x', '-n', ns])).metadata.labels).toEqual({ env: 'prod', tier: 'web' });
      expect(await kubectl.ok(['label', 'cm', 'x', '-n', ns, 'env-'])).toBe('configmap/x unlabeled\n');
      expect((await kubectl.json(['get', 'cm', 'x', '-n', ns])).metadata.labels).toEqual({ tier: 'web' });
      expect(await kubectl.run(['label', 'cm', 'x', '-n', ns, 'stale=1', '--resource-version=1'])).toEqual({ code: 1, stdout: '', stderr: CONFLICT('x') });
      expect((await kubectl.json(['get', 'cm', 'x', '-n', ns])).metadata.labels).toEqual({ tier: 'web' });
    });

    it('adds, refuses to overwrite, overwrites and removes an annotation', async () => {
      const ns = createNamespace(plane, 'annotate');
      await configMapIn(ns, 'x');
      expect(await kubectl.ok(['annotate', 'cm', 'x', '-n', ns, 'note=hello'])).toBe('configmap/x annotated\n');
      const refused = await kubectl.run(['annotate', 'cm', 'x', '-n', ns, 'note=bye']);
      expect(refused).toEqual({ code: 1, stdout: '', stderr: "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello)\n" });
      expect(await kubectl.ok(['annotate', 'cm', 'x', '-n', ns, 'note=bye', '--overwrite'])).toBe('configmap/x annotated\n');
      expect((await kubectl.json(['get', 'cm', 'x', '-n', ns])).metadata.annotations).toEqual({ note: 'bye' });
      const live = await kubectl.json(['get', 'cm', 'x', '-n', ns]);
      expect(await kubectl.run(['annotate', 'cm', 'x', '-n', ns, 'note=late', '--overwrite', `--resource-version=${Number(live.metadata.resourceVersion) - 1}`])).toEqual({ code: 1, stdout: '', stderr: CONFLICT('x') });
      expect(await kubectl.ok(['annotate', 'cm', 'x', '-n', ns, 'note=current', '--overwrite', `--resource-version=${live.metadata.resourceVersion}`])).toBe('configmap/x annotated\n');
      expect(await kubectl.ok(['annotate', 'cm', 'x', '-n', ns, 'note-'])).toBe('configmap/x annotated\n');
      expect((await kubectl.json(['get', 'cm', 'x', '-n', ns])).metadata.annotations).toBeUndefined();
    });
  });

  describe('patch', () => {
    it('applies merge and JSON patches, and reports the server\'s error for a remove of a missing path', async () => {
      const ns = createNamespace(plane, 'patch');
      await configMapIn(ns, 'p');
      expect(await kubectl.ok(['patch', 'cm', 'p', '-n', ns, '--type=merge', '-p', '{"data":{"m":"1"}}'])).toBe('configmap/p patched\n');
      expect(await kubectl.ok(['patch', 'cm', 'p', '-n', ns, '--type=json', '-p', '[{"op":"add","path":"/data/j","value":"2"},{"op":"remove","path":"/data/a"}]'])).toBe('configmap/p patched\n');
      expect((await kubectl.json(['get', 'cm', 'p', '-n', ns])).data).toEqual({ m: '1', j: '2' });
      const failed = await kubectl.run(['patch', 'cm', 'p', '-n', ns, '--type=json', '-p', '[{"op":"remove","path":"/data/nope"}]']);
      // Upstream answers a JSON patch that does not apply with 422 and this generic message.
      expect(failed).toEqual({ code: 1, stdout: '', stderr: 'The request is invalid: the server rejected our request due to an error in our request\n' });
      expect(await kubectl.ok(['patch', 'cm', 'p', '-n', ns, '--type=merge', '-p', '{"data":{"m":"1"}}'])).toBe('configmap/p patched (no change)\n');
    });

    it('strategic-merges a Deployment\'s containers by name (the default patch type)', async () => {
      const ns = createNamespace(plane, 'patch-smp');
      await kubectl.ok(['create', 'deployment', 'web', '-n', ns, '--image=nginx:1']);
      await kubectl.ok(['patch', 'deploy', 'web', '-n', ns, '--type=json', '-p', '[{"op":"add","path":"/spec/template/spec/containers/-","value":{"name":"sidecar","image":"busybox:1"}}]']);
      expect(await kubectl.ok(['patch', 'deploy', 'web', '-n', ns, '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:2"}]}}}}'])).toBe('deployment.apps/web patched\n');
      const live = await kubectl.json(['get', 'deploy', 'web', '-n', ns]);
      expect(live.spec.template.spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`)).toEqual(['nginx=nginx:1', 'sidecar=busybox:2']);
      expect(live.metadata.generation).toBe(3);
    });

    it('refuses a strategic merge patch on a custom resource with 415, and patches the status subresource', async () => {
      const ns = createNamespace(plane, 'patch-cr');
      await kubectl.ok(['apply', '-f', kubectl.file('w-patch.json', widgetYaml('w', ns, { size: 1 }))]);
      expect(await kubectl.run(['patch', 'widget', 'w', '-n', ns, '-p', '{"spec":{"size":2}}'])).toEqual({
        code: 1,
        stdout: '',
        stderr: 'error: application/strategic-merge-patch+json is not supported by example.com/v1, Kind=Widget: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n',
      });
      // The main resource ignores status; the status subresource ignores everything else.
      await kubectl.ok(['patch', 'widget', 'w', '-n', ns, '--type=merge', '-p', '{"spec":{"size":2},"status":{"conditions":[{"type":"Ready","status":"False"}]}}']);
      expect(await kubectl.ok(['patch', 'widget', 'w', '-n', ns, '--subresource=status', '--type=merge', '-p', '{"spec":{"size":9},"status":{"conditions":[{"type":"Ready","status":"True"}]}}'])).toBe('widget.example.com/w patched\n');
      const live = await kubectl.json(['get', 'widget', 'w', '-n', ns]);
      expect(live.spec).toEqual({ size: 2 });
      expect(live.status).toEqual({ conditions: [{ type: 'Ready', status: 'True' }] });
      expect(live.metadata.generation).toBe(2);
    });

    it('scales a Deployment through its Scale subresource', async () => {
      const ns = createNamespace(plane, 'scale');
      await kubectl.ok(['create', 'deployment', 'web', '-n', ns, '--image=nginx:1']);
      expect(await kubectl.ok(['scale', 'deploy', 'web', '-n', ns, '--replicas=3'])).toBe('deployment.apps/web scaled\n');
      expect((await kubectl.json(['get', 'deploy', 'web', '-n', ns])).spec.replicas).toBe(3);
      const scale = await kubectl.json(['get', 'deploy', 'web', '-n', ns, '--subresource=scale']);
      expect(scale).toMatchObject({ apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: ns }, spec: { replicas: 3 }, status: { selector: 'app=web' } });
    });
  });

  describe('delete', () => {
    it('deletes an object', async () => {
      const ns = createNamespace(plane, 'delete');
      await configMapIn(ns, 'x');
      expect(await kubectl.ok(['delete', 'cm', 'x', '-n', ns])).toBe('configmap "x" deleted\n');
      expect(stored(plane, CONFIGMAPS, ns, 'x')).toBeUndefined();
      expect(await kubectl.run(['delete', 'cm', 'x', '-n', ns])).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): configmaps "x" not found\n' });
    });

    it('deletes a namespace with everything in it', async () => {
      const ns = createNamespace(plane, 'doomed');
      await configMapIn(ns, 'one');
      await configMapIn(ns, 'two');
      await kubectl.ok(['create', 'deployment', 'web', '-n', ns, '--image=nginx:1']);
      await kubectl.ok(['apply', '-f', kubectl.file('w-doomed.json', widgetYaml('w', ns, { size: 1 }))]);
      expect(await kubectl.ok(['delete', 'ns', ns])).toBe(`namespace "${ns}" deleted\n`);
      expect(await kubectl.run(['get', 'ns', ns])).toEqual({ code: 1, stdout: '', stderr: `Error from server (NotFound): namespaces "${ns}" not found\n` });
      for (const prefix of [`core/configmaps/${ns}/`, `apps/deployments/${ns}/`, `example.com/widgets/${ns}/`]) expect(plane.store.backend.count(prefix)).toBe(0);
    });

    it('keeps an object with a finalizer until the finalizer is removed', async () => {
      const ns = createNamespace(plane, 'finalizers');
      const held = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, finalizers: ['example.com/hold'] } });
      await kubectl.ok(['create', '-f', kubectl.file('held.json', held('held'))]);
      expect(await kubectl.ok(['delete', 'cm', 'held', '-n', ns, '--wait=false'])).toBe('configmap "held" deleted\n');
      const terminating = await kubectl.json(['get', 'cm', 'held', '-n', ns]);
      expect(terminating.metadata.deletionTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(terminating.metadata.finalizers).toEqual(['example.com/hold']);
      await kubectl.ok(['patch', 'cm', 'held', '-n', ns, '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
      expect(stored(plane, CONFIGMAPS, ns, 'held')).toBeUndefined();

      // A blocking delete returns only once another process removes the finalizer.
      await kubectl.ok(['create', '-f', kubectl.file('held2.json', held('held2'))]);
      let settled: KubectlResult | undefined;
      const deleting = kubectl.run(['delete', 'cm', 'held2', '-n', ns]).then((result) => (settled = result));
      await eventually(() => stored(plane, CONFIGMAPS, ns, 'held2')?.metadata.deletionTimestamp !== undefined);
      await new Promise((r) => setTimeout(r, 300));
      expect(settled).toBeUndefined();
      await kubectl.ok(['patch', 'cm', 'held2', '-n', ns, '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
      expect(await deleting).toEqual({ code: 0, stdout: 'configmap "held2" deleted\n', stderr: '' });
      expect(stored(plane, CONFIGMAPS, ns, 'held2')).toBeUndefined();
    });

    it('deletes the objects a label selector matches', async () => {
      const ns = createNamespace(plane, 'delete-selector');
      for (const name of ['s1', 's2', 's3']) await configMapIn(ns, name);
      await kubectl.ok(['label', 'cm', 's1', 's2', '-n', ns, 'group=x']);
      await configMapIn(ns, 'keep');
      expect(await kubectl.ok(['delete', 'cm', '-n', ns, '-l', 'group=x'])).toBe('configmap "s1" deleted\nconfigmap "s2" deleted\n');
      expect(await kubectl.ok(['get', 'cm', '-n', ns, '-o', 'name'])).toBe('configmap/keep\nconfigmap/s3\n');
    });

    it('garbage-collects an owned object after its owner, and orphans it with --cascade=orphan', async () => {
      const ns = createNamespace(plane, 'gc');
      const child = async (name: string, owner: string) => {
        const uid = (await kubectl.json(['get', 'cm', owner, '-n', ns])).metadata.uid as string;
        const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: owner, uid }] } };
        await kubectl.ok(['create', '-f', '-'], { input: JSON.stringify(manifest) });
      };
      await configMapIn(ns, 'owner');
      await child('owned', 'owner');
      expect(await kubectl.ok(['delete', 'cm', 'owner', '-n', ns])).toBe('configmap "owner" deleted\n');
      await eventually(() => stored(plane, CONFIGMAPS, ns, 'owned') === undefined);

      await configMapIn(ns, 'parent');
      await child('orphan', 'parent');
      expect(await kubectl.ok(['delete', 'cm', 'parent', '-n', ns, '--cascade=orphan'])).toBe('configmap "parent" deleted\n');
      await eventually(() => stored(plane, CONFIGMAPS, ns, 'orphan')?.metadata.ownerReferences === undefined);
      expect(await kubectl.ok(['get', 'cm', '-n', ns, '-o', 'name'])).toBe('configmap/orphan\n');
    });
  });

  describe('wait', () => {
    it('returns as soon as a condition is set through the status subresource', async () => {
      const ns = createNamespace(plane, 'wait-ready');
      await kubectl.ok(['apply', '-f', kubectl.file('w-ready.json', widgetYaml('w', ns, { size: 1 }))]);
      const started = Date.now();
      const waiting = kubectl.run(['wait', '--for=condition=Ready', 'widget/w', '-n', ns, '--timeout=20s']);
      await new Promise((r) => setTimeout(r, 500));
      await kubectl.ok(['patch', 'widget', 'w', '-n', ns, '--subresource=status', '--type=merge', '-p', '{"status":{"conditions":[{"type":"Ready","status":"True"}]}}']);
      expect(await waiting).toEqual({ code: 0, stdout: 'widget.example.com/w condition met\n', stderr: '' });
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('waits for a deletion', async () => {
      const ns = createNamespace(plane, 'wait-delete');
      await kubectl.ok(['apply', '-f', kubectl.file('w-delete.json', widgetYaml('w', ns, { size: 1 }))]);
      const waiting = kubectl.run(['wait', '--for=delete', 'widget/w', '-n', ns, '--timeout=20s']);
      await new Promise((r) => setTimeout(r, 500));
      await kubectl.ok(['delete', 'widget', 'w', '-n', ns]);
      expect(await waiting).toEqual({ code: 0, stdout: 'widget.example.com/w condition met\n', stderr: '' });
      expect(stored(plane, WIDGETS, ns, 'w')).toBeUndefined();
    });

    it('gives up after --timeout', async () => {
      const ns = createNamespace(plane, 'wait-timeout');
      await kubectl.ok(['apply', '-f', kubectl.file('w-timeout.json', widgetYaml('w', ns, { size: 1 }))]);
      expect(await kubectl.run(['wait', '--for=condition=Ready', 'widget/w', '-n', ns, '--timeout=1s'])).toEqual({ code: 1, stdout: '', stderr: 'error: timed out waiting for the condition on widgets/w\n' });
    });
  });

  describe('bad input', () => {
    it('refuses an invalid name with the RFC 1123 message', async () => {
      expect(await kubectl.run(['create', 'cm', 'Bad_Name'])).toEqual({
        code: 1,
        stdout: '',
        stderr: 'error: failed to create configmap: ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n',
      });
    });

    it('reports a kind no resource serves as a missing resource mapping', async () => {
      for (const group of ['example.com', 'nosuch.example.org']) {
        const file = kubectl.file(`gadget-${group}.yaml`, `apiVersion: ${group}/v1\nkind: Gadget\nmetadata:\n  name: g\nspec: {}\n`);
        expect(await kubectl.run(['apply', '-f', file])).toEqual({
          code: 1,
          stdout: '',
          stderr: `error: resource mapping not found for name: "g" namespace: "" from "${file}": no matches for kind "Gadget" in version "${group}/v1"\nensure CRDs are installed first\n`,
        });
      }
    });

    it('reports a malformed YAML file', async () => {
      const file = kubectl.file('malformed.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: [\n');
      expect(await kubectl.run(['apply', '-f', file])).toEqual({ code: 1, stdout: '', stderr: `error: error parsing ${file}: error converting YAML to JSON: yaml: line 4: did not find expected key\n` });
    });
  });
});
