// The real kubectl against a fresh control plane: reading — get in every output form, selectors,
// pagination, sorting, watch — and discovery: api-resources, api-versions, explain, custom
// resource columns, auth and version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startTestControlPlane, type TestControlPlane } from '../support/control-plane.js';
import { createNamespace, stored, WIDGET_CRD, widgetYaml } from '../support/kubectl-fixtures.js';
import { AGE, Kubectl, kubectlInstalled, kubectlSuite, parseTable } from '../support/kubectl.js';

const age = expect.stringMatching(AGE);

describe.skipIf(!kubectlInstalled())(kubectlSuite('get, watch and discovery'), () => {
  let plane: TestControlPlane;
  let kubectl: Kubectl;
  /** A namespace with ConfigMaps a, b, c labelled for selector tests (rank orders them c… differently). */
  let ns: string;

  beforeAll(async () => {
    plane = await startTestControlPlane({ storage: 'memory' });
    kubectl = new Kubectl(plane.kubeconfigPath);
    ns = createNamespace(plane, 'reads');
    const labels: Record<string, string> = { a: 'env=prod,tier=web,rank=3', b: 'env=prod,tier=db,rank=1', c: 'tier=cache,rank=2' };
    const manifests = Object.entries(labels).map(([name, l]) => ({
      apiVersion: 'v1', kind: 'ConfigMap', data: { k: name },
      metadata: { name, namespace: ns, labels: Object.fromEntries(l.split(',').map((kv) => kv.split('='))) },
    }));
    await kubectl.ok(['create', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests }) });
    await kubectl.ok(['apply', '-f', kubectl.file('widget-crd.yaml', WIDGET_CRD)]);
  });
  afterAll(async () => {
    kubectl?.dispose();
    await plane?.dispose();
  });

  describe('get', () => {
    it('prints an object as YAML and as JSON, as stored', async () => {
      const object = stored(plane, { plural: 'configmaps' }, ns, 'a')!;
      const { managedFields: _hidden, ...metadata } = object.metadata;
      const expected = { ...object, metadata };
      expect(parseYaml(await kubectl.ok(['get', 'cm', 'a', '-n', ns, '-o', 'yaml']))).toEqual(expected);
      expect(await kubectl.json(['get', 'cm', 'a', '-n', ns])).toEqual(expected);
    });

    it('lists across namespaces with -A', async () => {
      const other = createNamespace(plane, 'reads-other');
      await kubectl.ok(['create', 'cm', 'elsewhere', '-n', other]);
      const rows = parseTable(await kubectl.ok(['get', 'cm', '-A']));
      // In storage-key order, as etcd lists them: "reads-other/…" sorts before "reads/…".
      expect(rows).toEqual([
        { NAMESPACE: other, NAME: 'elsewhere', DATA: '0', AGE: age },
        { NAMESPACE: ns, NAME: 'a', DATA: '1', AGE: age },
        { NAMESPACE: ns, NAME: 'b', DATA: '1', AGE: age },
        { NAMESPACE: ns, NAME: 'c', DATA: '1', AGE: age },
      ]);
    });

    it('filters with equality and set-based label selectors', async () => {
      const names = async (selector: string) => (await kubectl.ok(['get', 'cm', '-n', ns, '-l', selector, '-o', 'name'])).trim().split('\n');
      expect(await names('env=prod')).toEqual(['configmap/a', 'configmap/b']);
      expect(await names('env!=prod')).toEqual(['configmap/c']);
      expect(await names('tier in (web,cache)')).toEqual(['configmap/a', 'configmap/c']);
      expect(await names('tier notin (web),env')).toEqual(['configmap/b']);
      expect(await names('!env')).toEqual(['configmap/c']);
      const none = await kubectl.run(['get', 'cm', '-n', ns, '-l', 'env=staging']);
      expect(none).toEqual({ code: 0, stdout: '', stderr: `No resources found in ${ns} namespace.\n` });
    });

    it('shows labels as a column', async () => {
      expect(parseTable(await kubectl.ok(['get', 'cm', '-n', ns, '--show-labels']))).toEqual([
        { NAME: 'a', DATA: '1', AGE: age, LABELS: 'env=prod,rank=3,tier=web' },
        { NAME: 'b', DATA: '1', AGE: age, LABELS: 'env=prod,rank=1,tier=db' },
        { NAME: 'c', DATA: '1', AGE: age, LABELS: 'rank=2,tier=cache' },
      ]);
    });

    it('adds the priority columns with -o wide', async () => {
      const deployNs = createNamespace(plane, 'reads-wide');
      await kubectl.ok(['create', 'deployment', 'web', '-n', deployNs, '--image=nginx:1', '--replicas=2']);
      expect(parseTable(await kubectl.ok(['get', 'deploy', '-n', deployNs]))).toEqual([{ NAME: 'web', READY: '0/2', 'UP-TO-DATE': '0', AVAILABLE: '0', AGE: age }]);
      expect(parseTable(await kubectl.ok(['get', 'deploy', '-n', deployNs, '-o', 'wide']))).toEqual([
        { NAME: 'web', READY: '0/2', 'UP-TO-DATE': '0', AVAILABLE: '0', AGE: age, CONTAINERS: 'nginx', IMAGES: 'nginx:1', SELECTOR: 'app=web' },
      ]);
    });

    it('pages through a list with --chunk-size=1', async () => {
      const run = await kubectl.run(['get', 'cm', '-n', ns, '--chunk-size=1', '-o', 'name', '-v=6']);
      expect(run.stdout).toBe('configmap/a\nconfigmap/b\nconfigmap/c\n');
      const requests = run.stderr.match(/GET https:\S+\/configmaps\?\S+ 200 OK/g) ?? [];
      expect(requests).toHaveLength(3);
      expect(requests[0]).toContain('?limit=1 ');
      expect(requests.slice(1).every((r) => /continue=[^&]+&limit=1 /.test(r))).toBe(true);
    });

    it('sorts with --sort-by', async () => {
      const byRank = parseTable(await kubectl.ok(['get', 'cm', '-n', ns, '--sort-by=.metadata.labels.rank']));
      expect(byRank.map((r) => r.NAME)).toEqual(['b', 'c', 'a']);
      expect(await kubectl.ok(['get', 'cm', '-n', ns, '--sort-by=.data.k', '-o', 'name'])).toBe('configmap/a\nconfigmap/b\nconfigmap/c\n');
    });

    it('prints the objects it found and fails on the one it did not', async () => {
      const result = await kubectl.run(['get', 'cm', 'a', 'nope', '-n', ns]);
      expect(result.code).toBe(1);
      expect(parseTable(result.stdout)).toEqual([{ NAME: 'a', DATA: '1', AGE: age }]);
      expect(result.stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
    });

    it('watches: prints the list, then each change made by another kubectl, until stopped', async () => {
      const watchNs = createNamespace(plane, 'reads-watch');
      await kubectl.ok(['create', 'cm', 'seed', '-n', watchNs]);
      const events = kubectl.watch(['get', 'cm', '-n', watchNs, '-w', '--output-watch-events']);
      const plain = kubectl.watch(['get', 'cm', '-n', watchNs, '-w']);
      try {
        await events.waitForLines(2);
        await plain.waitForLines(2);
        await kubectl.ok(['create', 'cm', 'w1', '-n', watchNs, '--from-literal=a=1']);
        await kubectl.ok(['patch', 'cm', 'w1', '-n', watchNs, '--type=merge', '-p', '{"data":{"b":"2"}}']);
        await kubectl.ok(['delete', 'cm', 'w1', '-n', watchNs]);
        expect(parseTable((await events.waitForLines(5)).join('\n'))).toEqual([
          { EVENT: 'ADDED', NAME: 'seed', DATA: '0', AGE: age },
          { EVENT: 'ADDED', NAME: 'w1', DATA: '1', AGE: age },
          { EVENT: 'MODIFIED', NAME: 'w1', DATA: '2', AGE: age },
          { EVENT: 'DELETED', NAME: 'w1', DATA: '2', AGE: age },
        ]);
        expect(parseTable((await plain.waitForLines(5)).join('\n')).map((r) => `${r.NAME} ${r.DATA}`)).toEqual(['seed 0', 'w1 1', 'w1 2', 'w1 2']);
      } finally {
        await events.stop();
        await plain.stop();
      }
      expect(events.child.exitCode ?? events.child.signalCode).not.toBeNull();
    });
  });

  describe('custom resources', () => {
    it('prints the additionalPrinterColumns, by plural and by short name, the Ready filter once status is set', async () => {
      const crNs = createNamespace(plane, 'reads-cr');
      await kubectl.ok(['apply', '-f', kubectl.file('w-cols.json', widgetYaml('w1', crNs, { size: 3, color: 'red' }))]);
      expect(parseTable(await kubectl.ok(['get', 'widgets', '-n', crNs]))).toEqual([{ NAME: 'w1', SIZE: '3', READY: '', AGE: age }]);
      await kubectl.ok(['patch', 'widget', 'w1', '-n', crNs, '--subresource=status', '--type=merge', '-p', '{"status":{"conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True"}]}}']);
      expect(parseTable(await kubectl.ok(['get', 'wd', '-n', crNs]))).toEqual([{ NAME: 'w1', SIZE: '3', READY: 'True', AGE: age }]);
      expect(parseTable(await kubectl.ok(['get', 'wd', '-n', crNs, '-o', 'wide']))).toEqual([{ NAME: 'w1', SIZE: '3', READY: 'True', COLOR: 'red', AGE: age }]);
      expect(await kubectl.ok(['get', 'widget.example.com', '-n', crNs, '-o', 'name'])).toBe('widget.example.com/w1\n');
    });

    it('lists the category "all" with get all', async () => {
      const allNs = createNamespace(plane, 'reads-all');
      await kubectl.ok(['apply', '-f', kubectl.file('w-all.json', widgetYaml('gadget', allNs, { size: 1 }))]);
      await kubectl.ok(['create', 'deployment', 'api', '-n', allNs, '--image=nginx:1']);
      const out = await kubectl.ok(['get', 'all', '-n', allNs, '-o', 'name']);
      expect(out.trim().split('\n').sort()).toEqual(['deployment.apps/api', 'widget.example.com/gadget']);
    });
  });

  describe('discovery', () => {
    it('lists api-resources as columns, custom resources included', async () => {
      const rows = parseTable(await kubectl.ok(['api-resources']));
      expect(rows).toContainEqual({ NAME: 'deployments', SHORTNAMES: 'deploy', APIVERSION: 'apps/v1', NAMESPACED: 'true', KIND: 'Deployment' });
      expect(rows).toContainEqual({ NAME: 'namespaces', SHORTNAMES: 'ns', APIVERSION: 'v1', NAMESPACED: 'false', KIND: 'Namespace' });
      expect(rows).toContainEqual({ NAME: 'widgets', SHORTNAMES: 'wd', APIVERSION: 'example.com/v1', NAMESPACED: 'true', KIND: 'Widget' });
      expect(await kubectl.ok(['api-resources', '--api-group=example.com', '-o', 'name'])).toBe('widgets.example.com\n');
    });

    it('lists api-versions', async () => {
      const versions = (await kubectl.ok(['api-versions'])).trim().split('\n');
      expect(versions).toEqual(expect.arrayContaining(['v1', 'apps/v1', 'batch/v1', 'apiextensions.k8s.io/v1', 'example.com/v1']));
      expect(versions).toEqual([...versions].sort());
    });

    it('explains a built-in kind and a custom resource field', async () => {
      const configmap = await kubectl.ok(['explain', 'configmap']);
      expect(configmap).toMatch(/^KIND: +ConfigMap\nVERSION: +v1\n/);
      expect(configmap).toMatch(/^ {2}data\t<map\[string\]string>$/m);
      expect(configmap).toMatch(/^ {2}immutable\t<boolean>$/m);
      expect(configmap).toMatch(/^ {2}metadata\t<ObjectMeta>$/m);
      expect(configmap).not.toMatch(/^ {2}spec\t/m);

      const spec = await kubectl.ok(['explain', 'widget.spec']);
      expect(spec).toMatch(/^GROUP: +example\.com\nKIND: +Widget\nVERSION: +v1\n\nFIELD: spec <Object>\n/);
      expect(spec).toContain('DESCRIPTION:\n    What the widget should be.\n');
      expect(spec).toMatch(/^ {2}size\t<integer>\n {4}How big the widget is\.$/m);
      expect(spec).toMatch(/^ {2}color\t<string>\n {4}The colour of the widget\.$/m);
    });

    it('answers auth can-i, can-i --list and whoami', async () => {
      expect(await kubectl.run(['auth', 'can-i', 'create', 'configmaps'])).toEqual({ code: 0, stdout: 'yes\n', stderr: '' });
      expect(await kubectl.ok(['auth', 'can-i', 'delete', 'deployments', '-n', ns, '--subresource=scale'])).toBe('yes\n');
      expect(parseTable(await kubectl.ok(['auth', 'can-i', '--list']))).toEqual([
        { Resources: '*.*', 'Non-Resource URLs': '[]', 'Resource Names': '[]', Verbs: '[*]' },
        { Resources: '', 'Non-Resource URLs': '[*]', 'Resource Names': '[]', Verbs: '[*]' },
      ]);
      expect(parseTable(await kubectl.ok(['auth', 'whoami']))).toContainEqual({ ATTRIBUTE: 'Username', VALUE: 'weir-admin' });
    });

    it('reports the server version', async () => {
      expect((await kubectl.ok(['version'])).split('\n')).toContain('Server Version: v1.32.0-weir');
    });
  });

  describe('custom resource definitions', () => {
    it('deletes the custom resources with their definition', async () => {
      const crdFile = kubectl.file('gizmo-crd.yaml', WIDGET_CRD.replaceAll('widgets', 'gizmos').replaceAll('widget', 'gizmo').replace('Widget', 'Gizmo').replace('[wd]', '[gz]'));
      await kubectl.ok(['apply', '-f', crdFile]);
      const gizmoNs = createNamespace(plane, 'reads-gizmos');
      await kubectl.ok(['apply', '-f', '-'], { input: JSON.stringify({ apiVersion: 'example.com/v1', kind: 'Gizmo', metadata: { name: 'g1', namespace: gizmoNs }, spec: { size: 1 } }) });
      expect(await kubectl.ok(['get', 'gz', '-A', '-o', 'name'])).toBe('gizmo.example.com/g1\n');
      expect(await kubectl.ok(['delete', 'crd', 'gizmos.example.com'])).toBe('customresourcedefinition.apiextensions.k8s.io "gizmos.example.com" deleted\n');
      expect(plane.registry.resolve('example.com', 'v1', 'gizmos')).toBeUndefined();
      expect(plane.store.backend.count('example.com/gizmos/')).toBe(0);
      // kubectl still knows the resource from its discovery cache; the server no longer serves it.
      const gone = await kubectl.run(['get', 'gizmos', '-A']);
      expect(gone.code).toBe(1);
      expect(gone.stderr).toBe('Error from server (NotFound): Unable to list "example.com/v1, Resource=gizmos": the server could not find the requested resource\n');
    });
  });
});
