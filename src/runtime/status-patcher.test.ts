import { describe, expect, it } from 'vitest';
import type { RuntimeClient, RuntimeObject, RuntimeObjectRef } from './client.js';
import { StatusPatcher } from './status-patcher.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client whose mergePatch takes `delay(call)` ms and logs when each call starts and ends. */
function slowClient(delay: (n: number) => number, fail?: (n: number) => boolean) {
  const log: string[] = [];
  const calls: Array<{ ref: RuntimeObjectRef; patch: object; options: unknown }> = [];
  const client: RuntimeClient = {
    get: () => Promise.resolve(undefined),
    create: (obj) => Promise.resolve(obj),
    replace: (obj) => Promise.resolve(obj),
    async mergePatch(ref, patch, options) {
      const n = calls.push({ ref, patch, options });
      log.push(`start ${ref.name} ${n}`);
      await sleep(delay(n));
      log.push(`end ${ref.name} ${n}`);
      if (fail?.(n)) throw Object.assign(new Error('boom'), { status: 500 });
      return { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name }, ...patch } as RuntimeObject;
    },
  };
  return { client, log, calls };
}

const web = { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', namespace: 'apps', name: 'web' };
const api = { ...web, name: 'api' };

describe('StatusPatcher', () => {
  it('merge-patches {status} on the status subresource', async () => {
    const { client, calls } = slowClient(() => 0);
    const patched = await new StatusPatcher(client, { fieldManager: 'source-controller' }).patch(web, { observedGeneration: 2 });
    expect(calls).toEqual([{ ref: web, patch: { status: { observedGeneration: 2 } }, options: { subresource: 'status', fieldManager: 'source-controller' } }]);
    expect(patched['status']).toEqual({ observedGeneration: 2 });
  });

  it('writes one object\'s statuses one after another, in order, and different objects in parallel', async () => {
    const { client, log } = slowClient((n) => (n === 1 ? 30 : 5));
    const patcher = new StatusPatcher(client);
    await Promise.all([patcher.patch(web, { n: 1 }), patcher.patch(web, { n: 2 }), patcher.patch(api, { n: 3 })]);
    expect(log).toEqual(['start web 1', 'start api 2', 'end api 2', 'end web 1', 'start web 3', 'end web 3']);
    expect(patcher.pending).toBe(0);
  });

  it('rejects a failed write but still runs the next one', async () => {
    const { client, calls } = slowClient(() => 1, (n) => n === 1);
    const patcher = new StatusPatcher(client);
    const first = patcher.patch(web, { n: 1 });
    const second = patcher.patch(web, { n: 2 });
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toMatchObject({ status: { n: 2 } });
    expect(calls).toHaveLength(2);
  });
});
