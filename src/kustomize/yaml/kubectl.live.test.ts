// Differential test against the real thing: random resources (tricky strings, numbers, nesting)
// go through `kubectl kustomize` and through parse → stringify; the bytes must match.
// Skipped when kubectl is not installed. (A test may run processes; the folder's code may not.)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYamlStream, stringifyResourceStream } from './index.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

// Raw NEL/LS/PS and lone surrogates are left out: go-yaml v3 reads NEL/LS/PS as line breaks
// inside scalars (YAML 1.1), js-yaml does not (a documented gap of the reader).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const pieces = [...' :#-?\n\t\r\'"01.e+_xaynT~,[{*&!|>%@`é\u00a0\u0001', '😀', '\ufeff', 'yes', 'null', '0x', '2001-12-14', 'a'.repeat(35) + ' '];
const tricky = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join(''));
const text = fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 100 }))
  .filter((s) => !LONE_SURROGATE.test(s) && !/[\u0085\u2028\u2029]/.test(s));
const leaf = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }), fc.boolean(), fc.constant(null));
// Letters only: keys with digit runs can make yaml.v2's key order depend on Go's map order.
const key = fc.stringMatching(/^[a-z]{1,12}$/);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, leaf, tie('arr'), tie('obj')),
  arr: fc.array(tie('value'), { maxLength: 4 }),
  obj: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
}));

/** JSON is YAML; bigints are written as bare digits so go-yaml reads them as int64/uint64. */
const flow = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `__big${x}__` : x)).replace(/"__big(-?\d+)__"/g, '$1');

describe.skipIf(!hasKubectl)('kubectl kustomize parity', () => {
  it('prints random resources exactly as kubectl kustomize does', () => {
    const specs = fc.sample(fc.dictionary(key, value, { minKeys: 1, maxKeys: 12 }), { numRuns: 150, seed: 4 });
    const input = specs.map((spec, i) =>
      `apiVersion: example.com/v1\nkind: Foo\nmetadata:\n  name: r${String(i).padStart(4, '0')}\nspec: ${flow(spec)}\n`).join('---\n');
    const dir = mkdtempSync(join(tmpdir(), 'weir-yaml-kubectl-'));
    try {
      writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [r.yaml]\n');
      writeFileSync(join(dir, 'r.yaml'), input);
      const want = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const got = stringifyResourceStream(parseYamlStream(input, 'r.yaml').map((d) => d.value));
      expect(got.split('\n---\n')).toEqual(want.split('\n---\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
