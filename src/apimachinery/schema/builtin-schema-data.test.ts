// The checked-in table is data with a known origin: the generator's output from the v1.13.4
// spec plus the overlay (`node scripts/generate-builtin-schema.mjs --spec … --check` proves it
// where the spec is unpacked; see the generator's header), and every overlay entry says where
// it was verified.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));

describe('builtin-schema.json', () => {
  it('names a source for every overlay entry', () => {
    const overlay = JSON.parse(readFileSync(join(here, 'builtin-schema-overlay.json'), 'utf8')) as { definitions: Record<string, { source?: unknown }> };
    const unsourced = Object.entries(overlay.definitions).filter(([, entry]) => typeof entry.source !== 'string' || entry.source === '');
    expect(unsourced.map(([name]) => name)).toEqual([]);
  });
});
