// The recorded scenarios of testdata/: each directory is a kustomization with `vars` (and
// optionally `configurations` with varReference) that `kubectl kustomize` builds; Weir's
// resolveVars must give the same objects (or fail with the recorded message fragment).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeScenarios, loadScenarios, type Obj, type Scenario } from '../../../test/support/kustomize-oracle.js';
import { resolveVars } from './index.js';

const scenarios = loadScenarios(join(dirname(fileURLToPath(import.meta.url)), 'testdata'));

function build(s: Scenario): Obj[] {
  const resources = structuredClone(s.resources);
  const configs = ((s.kustomization.configurations as string[] | undefined) ?? []).flatMap((f) => s.docs(f) as Obj[]);
  const specs = configs.flatMap((c) => (c.varReference as unknown[] | undefined) ?? []);
  resolveVars(resources, (s.kustomization.vars as unknown[]) ?? [], specs, { file: 'kustomization.yaml' });
  return resources;
}

describeScenarios('vars scenarios', scenarios, build);

describe('vars scenarios', () => {
  it('returns the vars nobody references (kustomize only warns about them)', () => {
    const s = scenarios.find((x) => x.name === 'substitution')!;
    const resources = structuredClone(s.resources);
    expect(resolveVars(resources, s.kustomization.vars as unknown[], [], { file: 'k' })).toEqual(['DB_MAP', 'NEVER_USED']);
  });
});
