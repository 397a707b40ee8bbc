import { describe, expect, it } from 'vitest';
import { applyReplacements } from './index.js';

describe('replacements and renamed resources', () => {
  it('selects sources and targets by the names they had before a prefix', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { host: 'db' } };
    const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app-web' }, spec: { host: 'x' } };
    const previous = (r: Record<string, unknown>) => ({ names: [r === cm ? 'config' : 'web'], namespaces: [''] });
    const replacements = [{ source: { kind: 'ConfigMap', name: 'config', fieldPath: 'data.host' }, targets: [{ select: { name: 'web' }, fieldPaths: ['spec.host'] }] }];
    applyReplacements([cm, deploy], replacements, { file: 'kustomization.yaml', previous });
    expect(deploy.spec.host).toBe('db');
  });

  it('names the kustomization file and entry in errors', () => {
    expect(() => applyReplacements([], [{ source: { kind: 'X' }, targets: [] }], { file: 'k.yaml' })).toThrow(/^k\.yaml: replacements\[0\]: nothing selected by X\.\[noVer\]\.\[noGrp\]\/\[noName\]\.\[noNs\]/);
  });
});
