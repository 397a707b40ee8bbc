import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyConfiguration, type ApplyResult } from './apply.js';
import { configMapSchema } from './test-schemas.js';
import type { JsonObject } from './value.js';

const keys = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 5 });
const config = (data: readonly string[], finalizers: readonly string[]): JsonObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'x', finalizers: [...finalizers] },
  data: Object.fromEntries(data.map((k) => [k, `v-${k}`])),
});

function apply(live: JsonObject | undefined, body: JsonObject, manager: string): ApplyResult {
  return applyConfiguration({
    live,
    config: body,
    manager,
    apiVersion: 'v1',
    force: false,
    managedFields: (live?.['metadata'] as JsonObject | undefined)?.['managedFields'],
    schema: configMapSchema,
    now: new Date(0),
  });
}

describe('apply properties', () => {
  it('is idempotent: applying the same configuration again changes nothing', () => {
    fc.assert(
      fc.property(keys, keys, (data, finalizers) => {
        const first = apply(undefined, config(data, finalizers), 'm');
        const second = apply(first.object, config(data, finalizers), 'm');
        expect(second.changed).toBe(false);
        expect(second.object).toEqual(first.object);
      }),
    );
  });

  it('leaves a sole applier with exactly what it applied last', () => {
    fc.assert(
      fc.property(keys, keys, keys, keys, (d1, f1, d2, f2) => {
        const first = apply(undefined, config(d1, f1), 'm');
        const second = apply(first.object, config(d2, f2), 'm');
        expect(Object.keys((second.object['data'] as JsonObject | undefined) ?? {}).sort()).toEqual([...d2].sort());
        const finalizers = ((second.object['metadata'] as JsonObject)['finalizers'] as string[] | undefined) ?? [];
        expect([...finalizers].sort()).toEqual([...f2].sort());
      }),
    );
  });

  it('never removes what another applier still applies', () => {
    fc.assert(
      fc.property(keys, keys, keys, (mine, theirs, later) => {
        const a = apply(undefined, config(mine, []), 'alice');
        const b = apply(a.object, config(theirs, []), 'bob');
        const c = apply(b.object, config(later, []), 'alice');
        const data = Object.keys((c.object['data'] as JsonObject | undefined) ?? {}).sort();
        expect(data).toEqual([...new Set([...theirs, ...later])].sort());
      }),
    );
  });
});
