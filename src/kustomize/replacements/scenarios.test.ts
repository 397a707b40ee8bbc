// The recorded scenarios of testdata/: each directory is a kustomization with `replacements`
// that `kubectl kustomize` builds; Weir's applyReplacements must give the same objects (or fail
// with the recorded message fragment).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KUBECTL_ORACLE_MISSING, kubectlKustomize, loadScenarios, type Obj, type Scenario } from '../../../test/support/kustomize-oracle.js';
import { describeResource } from '../patch/index.js';
import { applyReplacements } from './index.js';

const scenarios = loadScenarios(join(dirname(fileURLToPath(import.meta.url)), 'testdata'));

function sortById(objs: Obj[]): Obj[] {
  return [...objs].sort((a, b) => describeResource(a).localeCompare(describeResource(b)));
}

function build(s: Scenario): Obj[] {
  const resources = structuredClone(s.resources);
  applyReplacements(resources, (s.kustomization.replacements as unknown[]) ?? [], { file: 'kustomization.yaml' });
  return resources;
}

describe('replacement scenarios (recorded from kubectl kustomize)', () => {
  for (const s of scenarios) {
    it(s.name, () => {
      if (s.expectedError) expect(() => build(s)).toThrow(s.expectedError);
      else expect(sortById(build(s))).toEqual(sortById(s.expected!));
    });
  }
});

const live = scenarios.map((s) => [s, kubectlKustomize(s.dir)] as const);
describe.skipIf(live[0]?.[1] === undefined)(live[0]?.[1] === undefined ? KUBECTL_ORACLE_MISSING : 'replacement scenarios (live kubectl kustomize)', () => {
  for (const [s, result] of live) {
    it(`${s.name} matches the recording`, () => {
      if (s.expectedError) expect(result?.ok).toBe(false);
      else expect(result).toEqual({ ok: true, output: s.expected });
    });
  }
});
