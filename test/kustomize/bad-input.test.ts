// Bad input gives a clear error naming the file (and line or field), never a crash or a hang.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineReady, loadEngine } from './engine.js';

async function buildError(files: Record<string, string>, dir = '/', boundary?: string): Promise<string> {
  const { build, memoryFileSystem, KustomizeError } = await loadEngine();
  try {
    build(dir, { fs: memoryFileSystem(files), boundary });
  } catch (err) {
    expect(err).toBeInstanceOf(KustomizeError);
    return (err as Error).message;
  }
  throw new Error('the build succeeded');
}

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`;

describe.skipIf(!engineReady)('kustomize bad input', () => {
  it('reports invalid YAML with file and line', async () => {
    const message = await buildError({ 'kustomization.yaml': 'resources: [a.yaml]\n', 'a.yaml': `${cm('a')}data:\n  x: [unclosed\n` });
    expect(message).toMatch(/^a\.yaml:\d+/);
  });
  it('reports duplicate ids with both origins', async () => {
    const message = await buildError({ 'kustomization.yaml': 'resources: [a.yaml, b.yaml]\n', 'a.yaml': cm('x'), 'b.yaml': cm('x') });
    expect(message).toContain('already registered id: ConfigMap.v1/x.[noNs]');
    expect(message).toContain('b.yaml');
    expect(message).toContain('a.yaml');
  });
  it('refuses a strategic merge patch that matches nothing, as kustomize does', async () => {
    const message = await buildError({ 'kustomization.yaml': 'resources: [a.yaml]\npatches:\n- path: p.yaml\n', 'a.yaml': cm('a'), 'p.yaml': cm('missing') });
    expect(message).toContain('no resource matches strategic merge patch "ConfigMap.v1/missing.[noNs]"');
  });
  it('detects a cycle between bases', async () => {
    const message = await buildError({ 'a/kustomization.yaml': 'resources: [../b]\n', 'b/kustomization.yaml': 'resources: [../a]\n' }, '/a', '/');
    // Paths are shown relative to the directory the build started in (/a).
    expect(message).toContain('../b/kustomization.yaml: resources: cycle detected: . -> ../b -> .');
  });
  it('names a missing file', async () => {
    const message = await buildError({ 'kustomization.yaml': 'resources: [nope.yaml]\n' });
    expect(message).toBe("kustomization.yaml: resources: 'nope.yaml' doesn't exist");
  });
  it('refuses a path outside the boundary', async () => {
    const message = await buildError({ 'app/kustomization.yaml': 'resources: [../secret.yaml]\n', 'secret.yaml': cm('s') }, '/app');
    expect(message).toContain("security; file '../secret.yaml' is not in or below '/app'");
  });
  it('refuses a symlink that escapes the boundary, naming it', async () => {
    const { build, KustomizeError } = await loadEngine();
    const root = mkdtempSync(join(tmpdir(), 'weir-boundary-'));
    try {
      mkdirSync(join(root, 'app'));
      writeFileSync(join(root, 'outside.yaml'), cm('o'));
      symlinkSync(join(root, 'outside.yaml'), join(root, 'app', 'link.yaml'));
      writeFileSync(join(root, 'app', 'kustomization.yaml'), 'resources: [link.yaml]\n');
      expect(() => build(join(root, 'app'))).toThrow(KustomizeError);
      expect(() => build(join(root, 'app'))).toThrow(/security; file 'link.yaml' resolves to '.*outside\.yaml', which is not in or below/);
      expect(build(join(root, 'app'), { boundary: root, loadRestrictor: 'none' }).resources).toHaveLength(1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  it('refuses an unknown field, naming it', async () => {
    const message = await buildError({ 'kustomization.yaml': 'resource: [a.yaml]\n' });
    expect(message).toBe('kustomization.yaml: resource: unknown field "resource"');
  });
  it('refuses helm charts and remote bases', async () => {
    expect(await buildError({ 'kustomization.yaml': 'helmCharts: [{name: x}]\n' })).toContain('helm chart inflation is not supported');
    expect(await buildError({ 'kustomization.yaml': 'resources: [github.com/org/repo//base]\n' })).toContain('remote bases are not allowed');
  });
  it('refuses a file too large to be a manifest instead of parsing it', async () => {
    const message = await buildError({ 'kustomization.yaml': 'resources: [big.yaml]\n', 'big.yaml': 'a'.repeat(65 * 1024 * 1024) });
    expect(message).toContain("'big.yaml' is larger than");
  });
  it('refuses an empty kustomization, as kustomize does', async () => {
    expect(await buildError({ 'kustomization.yaml': 'kind: Kustomization\n' })).toBe('kustomization.yaml: kustomization is empty');
  });
  it('refuses a number where kustomize wants a string, naming the field', async () => {
    expect(await buildError({ 'kustomization.yaml': 'resources: []\nimages:\n- name: nginx\n  newTag: 1.20\n' }))
      .toBe('kustomization.yaml: images: invalid value: [0]: newTag: expected a string, got number 1.2');
  });
  it('refuses a build directory that does not exist', async () => {
    expect(await buildError({ 'a.yaml': '' }, '/nope')).toBe("/nope: '/nope' is not a directory");
  });
  it('refuses a directory without a kustomization', async () => {
    expect(await buildError({ 'x/a.yaml': cm('a') }, '/x')).toContain("unable to find one of 'kustomization.yaml'");
  });
});

describe.skipIf(!engineReady)('kustomize bad input: the openapi field', () => {
  const widget = 'apiVersion: example.io/v1\nkind: Widget\nmetadata: {name: w}\n';
  const uses = (openapi: string) => ({ 'kustomization.yaml': `resources: [w.yaml]\nopenapi: ${openapi}\n`, 'w.yaml': widget });
  it('names a missing schema file', async () => {
    expect(await buildError(uses('{path: nope.json}'))).toBe("kustomization.yaml: openapi: 'nope.json' doesn't exist");
  });
  it("reads a base's schema file even when the overlay's schema wins, as kustomize does", async () => {
    const message = await buildError({
      'overlay/kustomization.yaml': 'resources: [../base]\nopenapi: {version: v1.21.2}\n',
      'base/kustomization.yaml': 'resources: [w.yaml]\nopenapi: {path: nope.json}\n',
      'base/w.yaml': widget,
    }, '/overlay');
    expect(message).toBe("../base/kustomization.yaml: openapi: '../base/nope.json' doesn't exist");
  });
  it('names a schema file that is not JSON', async () => {
    const message = await buildError({ ...uses('{path: schema.json}'), 'schema.json': '{"definitions": {' });
    expect(message).toMatch(/^kustomization\.yaml: openapi: invalid schema file schema\.json: .*JSON/);
  });
  it('names a schema file that is not YAML, with the line', async () => {
    const message = await buildError({ ...uses('{path: schema.yaml}'), 'schema.yaml': 'definitions:\n  a: [\n' });
    expect(message).toMatch(/^kustomization\.yaml: openapi: invalid schema file schema\.yaml:\d+/);
  });
  it('refuses an empty schema file, and one that is not a map of definitions', async () => {
    expect(await buildError({ ...uses('{path: s.json}'), 's.json': '' })).toMatch(/invalid schema file s\.json: Unexpected end of JSON input/);
    expect(await buildError({ ...uses('{path: s.yaml}'), 's.yaml': '- a\n' })).toBe('kustomization.yaml: openapi: invalid schema file s.yaml: an OpenAPI document must be a map');
    expect(await buildError({ ...uses('{path: s.json}'), 's.json': '{"definitions": []}' })).toBe('kustomization.yaml: openapi: invalid schema file s.json: definitions must be a map');
  });
  it('parses the schema only when the build uses it, as kustomize does', async () => {
    const { build, memoryFileSystem } = await loadEngine();
    const files = { 'kustomization.yaml': 'resources: [d.yaml]\nnamespace: x\nopenapi: {path: bad.json}\n', 'd.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n', 'bad.json': '{' };
    expect(build('/', { fs: memoryFileSystem(files) }).resources).toHaveLength(1);
    // A strategic merge patch uses it.
    files['kustomization.yaml'] += 'patches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: d}\n    spec: {replicas: 2}\n';
    expect(() => build('/', { fs: memoryFileSystem(files) })).toThrow(/invalid schema file bad\.json/);
  });
  it('refuses a version kustomize does not ship, and a version with a path', async () => {
    expect(await buildError(uses('{version: v1.30.0}'))).toBe('kustomization.yaml: openapi: the specified OpenAPI version is not built in: "v1.30.0"');
    expect(await buildError({ ...uses('{path: s.json, version: v1.21.2}'), 's.json': '{}' })).toBe('kustomization.yaml: openapi: builtin version and custom schema provided, cannot use both');
  });
  it("refuses a base's unknown version while nothing else set the schema", async () => {
    const message = await buildError({
      'overlay/kustomization.yaml': 'resources: [../base]\n',
      'base/kustomization.yaml': 'resources: [w.yaml]\nopenapi: {version: v9}\n',
      'base/w.yaml': widget,
    }, '/overlay');
    expect(message).toContain('../base/kustomization.yaml: openapi: the specified OpenAPI version is not built in');
  });
  it('refuses an openapi field that is not a map of strings', async () => {
    expect(await buildError(uses('{path: 5}'))).toBe('kustomization.yaml: openapi: invalid value: path: expected a string, got number 5 (quote it)');
    expect(await buildError(uses('schema.json'))).toBe('kustomization.yaml: openapi: invalid value: expected a map of strings, got string');
  });
});
