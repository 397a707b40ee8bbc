// Every `kubectl kustomize` output of the shared corpus must survive parse → stringify byte for
// byte: the reader keeps every value kustomize printed, and the writer prints it the same way.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseYamlStream, stringifyResourceStream } from './index.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const expectedDir = join(repo, '../shared/corpus/kustomize/expected');
const present = existsSync(expectedDir);
// Reached when this test was written: all 717 files of the development corpus.
const MIN_IDENTICAL = 717;

function firstDifference(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `line ${i + 1}: want ${JSON.stringify(a[i])}, got ${JSON.stringify(b[i])}`;
}

describe.skipIf(!present)('kustomize corpus round trip', () => {
  it(`prints every expected output back byte for byte (at least ${MIN_IDENTICAL})`, () => {
    const failures: string[] = [];
    let identical = 0;
    const files = readdirSync(expectedDir).filter((f) => f.endsWith('.yaml')).sort();
    for (const file of files) {
      const text = readFileSync(join(expectedDir, file), 'utf8');
      const out = stringifyResourceStream(parseYamlStream(text, file).map((d) => d.value));
      if (out === text) identical++;
      else failures.push(`${file}: ${firstDifference(text, out)}`);
    }
    expect(identical, failures.slice(0, 10).join('\n')).toBeGreaterThanOrEqual(Math.min(MIN_IDENTICAL, files.length));
    expect(failures).toEqual([]);
  });
});

// Only where the corpus is missing does the run list a skipped test, saying what it needs.
if (!present) {
  describe('kustomize corpus round trip (skipped)', () => {
    it.skip(`needs the corpus at ${expectedDir}`, () => {});
  });
}
