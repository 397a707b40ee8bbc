// Scenarios checked against kubectl kustomize's recorded output, byte for byte.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engineReady, loadEngine } from './engine.js';
import { SCENARIOS } from './scenarios.js';

const expected = JSON.parse(readFileSync(new URL('./scenarios.expected.json', import.meta.url), 'utf8')) as Record<string, string>;

describe.skipIf(!engineReady)('kustomize scenarios (expected output from kubectl kustomize)', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(`builds "${name}" exactly as kubectl kustomize`, async () => {
      const { build, memoryFileSystem } = await loadEngine();
      const result = build(`/${scenario.dir ?? ''}`, { fs: memoryFileSystem(scenario.files), boundary: '/' });
      expect(result.toYaml()).toBe(expected[name]);
    });
  }
});

describe.skipIf(!engineReady)('kustomize generators with binary files', () => {
  // Expected output recorded from kubectl kustomize for the same bytes.
  it('puts non-UTF-8 files in binaryData, and encodes them raw in Secrets', async () => {
    const { build, memoryFileSystem } = await loadEngine();
    const fs = memoryFileSystem({
      'kustomization.yaml': 'configMapGenerator:\n- name: c\n  files: [bin.dat, t.txt]\nsecretGenerator:\n- name: s\n  files: [bin.dat]\n',
      'bin.dat': new Uint8Array([0xff, 0xfe, 0, 1, ...Buffer.from('binary')]),
      't.txt': 'hello\n',
    });
    expect(build('/', { fs }).toYaml()).toBe(`apiVersion: v1
binaryData:
  bin.dat: //4AAWJpbmFyeQ==
data:
  t.txt: |
    hello
kind: ConfigMap
metadata:
  name: c-kd67kg55t7
---
apiVersion: v1
data:
  bin.dat: //4AAWJpbmFyeQ==
kind: Secret
metadata:
  name: s-m98k5kc2hf
type: Opaque
`);
  });
});
