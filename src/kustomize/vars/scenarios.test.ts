// The recorded scenarios of testdata/: each directory is a kustomization with `vars` (and
// optionally `configurations` with varReference) that `kubectl kustomize` builds; Weir's
// resolveVars must give the same objects (or fail with the recorded message fragment).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KUBECTL_ORACLE_MISSING, kubectlKustomize, loadScenarios, type Obj, type Scenario } from '../../../test/support/kustomize-oracle.js';
import { describeResource } from '../patch/index.js';
import { resolveVars } from './index.js';

const scenarios = loadScenarios(join(dirname(fileURLToPath(import.meta.url)), 'testdata'));

function sortById(objs: Obj[]): Obj[] {
  return [...objs].sort((a, b) => describeResource(a).localeCompare(describeResource(b)));
}

function build(s: Scenario): Obj[] {
  const resources = structuredClone(s.resources);
  const configs = ((s.kustomization.configurations as string[] | undefined) ?? []).flatMap((f) => s.docs(f) as Obj[]);
  const specs = configs.flatMap((c) => (c.varReference as unknown[] | undefined) ?? []);
  resolveVars(resources, (s.kustomization.vars as unknown[]) ?? [], specs, { file: 'kustomization.yaml' });
  return resources;
}

describe('vars scenarios (recorded from kubectl kustomize)', () => {
  for (const s of scenarios) {
    it(s.name, () => {
      if (s.expectedError) expect(() => build(s)).toThrow(s.expectedError);
      else expect(sortById(build(s))).toEqual(sortById(s.expected!));
    });
  }

  it('returns the vars nobody references (kustomize only warns about them)', () => {
    const s = scenarios.find((x) => x.name === 'substitution')!;
    const resources = structuredClone(s.resources);
    expect(resolveVars(resources, s.kustomization.vars as unknown[], [], { file: 'k' })).toEqual(['DB_MAP', 'NEVER_USED']);
  });
});

const live = scenarios.map((s) => [s, kubectlKustomize(s.dir)] as const);
describe.skipIf(live[0]?.[1] === undefined)(live[0]?.[1] === undefined ? KUBECTL_ORACLE_MISSING : 'vars scenarios (live kubectl kustomize)', () => {
  for (const [s, result] of live) {
    it(`${s.name} matches the recording`, () => {
      if (s.expectedError) expect(result?.ok).toBe(false);
      else expect(result).toEqual({ ok: true, output: s.expected });
    });
  }
});
