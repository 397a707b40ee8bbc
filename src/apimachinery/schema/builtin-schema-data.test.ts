// The checked-in table is data with a known origin: the generator's output from the v1.13.4
// spec plus the overlay, and every overlay entry says where it was verified.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(here, '../../..');
// Where the 1.13.4 swagger spec was unpacked (see the generator's header); absent on CI.
const spec = process.env.WEIR_SWAGGER_1_13 ?? '/tmp/probe/swagger-1.13.json';

describe('builtin-schema.json', () => {
  it('names a source for every overlay entry', () => {
    const overlay = JSON.parse(readFileSync(join(here, 'builtin-schema-overlay.json'), 'utf8')) as { definitions: Record<string, { source?: unknown }> };
    const unsourced = Object.entries(overlay.definitions).filter(([, entry]) => typeof entry.source !== 'string' || entry.source === '');
    expect(unsourced.map(([name]) => name)).toEqual([]);
  });

  it.skipIf(!existsSync(spec))('is exactly what the generator writes from the spec and the overlay', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-schema-'));
    try {
      const out = join(dir, 'builtin-schema.json');
      const run = spawnSync(process.execPath, [join(repoRoot, 'scripts/generate-builtin-schema.mjs'), '--spec', spec, '--out', out], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(here, 'builtin-schema.json'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
