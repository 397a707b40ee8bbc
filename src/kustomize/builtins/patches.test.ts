import { describe, expect, it } from 'vitest';
import { BUILTIN_OPENAPI } from '../patch/index.js';
import { ResMap } from '../res-map.js';
import { applyPatch, parsePatch } from './patches.js';

const where = { file: 'kustomization.yaml', field: 'patches[0]' };

describe('patches', () => {
  it('reads a list of operations as JSON 6902 and mappings as strategic merge', () => {
    expect(parsePatch({ text: '- op: remove\n  path: /a\n', ...where }).kind).toBe('json6902');
    expect(parsePatch({ text: '[{"op": "remove", "path": "/a"}]', ...where }).kind).toBe('json6902');
    expect(parsePatch({ text: 'kind: ConfigMap\nmetadata: {name: a}\n---\nkind: ConfigMap\nmetadata: {name: b}\n', ...where })).toMatchObject({ kind: 'smp', patches: [{}, {}] });
  });
  it('expands a List of strategic merge patches', () => {
    const parsed = parsePatch({ text: 'apiVersion: v1\nkind: List\nitems:\n- {kind: ConfigMap, metadata: {name: a}}\n', ...where });
    expect(parsed).toMatchObject({ kind: 'smp', patches: [{ kind: 'ConfigMap' }] });
  });
  it('keeps the name and namespace of a targeted resource', () => {
    const map = new ResMap(BUILTIN_OPENAPI);
    map.append({ obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'n' }, data: { x: '1' } }, prevIds: [], origin: {} });
    applyPatch(map, { text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\ndata: {y: "2"}\n', ...where }, { kind: 'ConfigMap' }, {});
    expect(map.resources[0]!.obj).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'n' }, data: { x: '1', y: '2' } });
  });
  it('deletes a resource when the patch says $patch: delete', () => {
    const map = new ResMap(BUILTIN_OPENAPI);
    map.append({ obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, prevIds: [], origin: {} });
    applyPatch(map, { text: '$patch: delete\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n', ...where }, undefined, {});
    expect(map.size).toBe(0);
  });
});
