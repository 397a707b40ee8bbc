import { describe, expect, it } from 'vitest';
import { parseKustomizationText } from './kustomization.js';

describe('kustomization files', () => {
  it('folds bases into resources and imageTags into images', () => {
    const k = parseKustomizationText('resources: [a.yaml]\nbases: [../base]\nimageTags: [{name: x, newTag: "1"}]\n', 'kustomization.yaml');
    expect(k.resources).toEqual(['a.yaml', '../base']);
    expect(k.images).toEqual([{ name: 'x', newTag: '1' }]);
    expect(k).not.toHaveProperty('bases');
  });
  it('accepts the deprecated fields kustomize still builds', () => {
    expect(() => parseKustomizationText('commonLabels: {a: b}\npatchesStrategicMerge: [p.yaml]\npatchesJson6902: []\nvars: []\n', 'k.yaml')).not.toThrow();
  });
  it('names the file and field of an unknown field', () => {
    expect(() => parseKustomizationText('namePrefx: a-\n', 'apps/kustomization.yaml')).toThrow('apps/kustomization.yaml: namePrefx: unknown field "namePrefx"');
  });
  it('refuses kinds other than Kustomization and Component', () => {
    expect(() => parseKustomizationText('kind: Deployment\nresources: []\n', 'k.yaml')).toThrow(/kind must be Kustomization or Component/);
  });
});
