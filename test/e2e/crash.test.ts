// Durability: a burst of writes, `kill -9` in the middle of it, a restart on the same data
// directory. Every acknowledged write must be there, resourceVersions must keep increasing, a
// write in flight must be wholly there or wholly absent, and watches must resume.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.js';
import { startWeirControlPlane } from '../support/weir-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'weir-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const WORKERS = 8;
const KILL_AFTER_ACKS = 400;
const PATH = '/api/v1/namespaces/default/configmaps';

interface Attempt {
  readonly name: string;
  readonly data: Record<string, string>;
  resourceVersion?: number;
}

describe('crash safety of the control plane', () => {
  it('keeps every acknowledged write across kill -9 and resumes watches', async () => {
    const first = await startWeirControlPlane(dataDir);
    const client = new ApiClient(first.url, dataDir, WORKERS);
    const list = await client.send('GET', PATH);
    let lastSeen = Number(list.body.metadata.resourceVersion);
    const watch = client.watch(`${PATH}?watch=true&resourceVersion=${lastSeen}`, (event) => {
      // The watcher sees part of the burst before the crash; it resumes from here afterwards.
      if (event.type === 'ADDED') lastSeen = Number(event.object.metadata.resourceVersion);
    });

    const attempts: Attempt[] = [];
    let acked = 0;
    let killing: Promise<void> | undefined;
    const worker = async (w: number) => {
      for (let i = 0; ; i++) {
        const attempt: Attempt = { name: `burst-${w}-${i}`, data: { worker: String(w), index: String(i), payload: 'x'.repeat(200 + i) } };
        attempts.push(attempt);
        try {
          const reply = await client.send('POST', PATH, { metadata: { name: attempt.name }, data: attempt.data });
          if (reply.status !== 201) throw new Error(`unexpected ${reply.status}`);
          attempt.resourceVersion = Number(reply.body.metadata.resourceVersion);
          if (++acked === KILL_AFTER_ACKS) killing = first.kill9();
        } catch {
          return; // the process is gone: this write was in flight
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    await killing;
    watch.stop();
    client.close();

    const second = await startWeirControlPlane(dataDir);
    const after = new ApiClient(second.url, dataDir);
    try {
      const acknowledged = attempts.filter((a) => a.resourceVersion !== undefined);
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
      // The kill landed mid-burst: every worker had a write in flight.
      expect(attempts.length - acknowledged.length).toBeGreaterThanOrEqual(1);
      for (const attempt of acknowledged) {
        const reply = await after.send('GET', `${PATH}/${attempt.name}`);
        expect(reply.status, `${attempt.name} was acknowledged`).toBe(200);
        expect(reply.body.data).toEqual(attempt.data);
        expect(Number(reply.body.metadata.resourceVersion)).toBe(attempt.resourceVersion);
      }
      for (const attempt of attempts.filter((a) => a.resourceVersion === undefined)) {
        const reply = await after.send('GET', `${PATH}/${attempt.name}`);
        expect([200, 404]).toContain(reply.status);
        if (reply.status === 200) expect(reply.body.data).toEqual(attempt.data);
      }

      const highest = Math.max(...acknowledged.map((a) => a.resourceVersion!));
      const next = await after.send('POST', PATH, { metadata: { name: 'after-restart' } });
      expect(Number(next.body.metadata.resourceVersion)).toBeGreaterThan(highest);

      // Resume the watch from the last event seen before the crash: the rest of the burst follows, in order.
      const resumed: number[] = [];
      const expected = acknowledged.filter((a) => a.resourceVersion! > lastSeen).length;
      const resumedWatch = after.watch(`${PATH}?watch=true&resourceVersion=${lastSeen}`, (event) => {
        expect(event.type).not.toBe('ERROR');
        if (event.object.metadata.name.startsWith('burst-')) resumed.push(Number(event.object.metadata.resourceVersion));
      });
      const deadline = Date.now() + 10_000;
      while (resumed.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      resumedWatch.stop();
      expect(resumed.length).toBeGreaterThanOrEqual(expected);
      expect(resumed).toEqual([...resumed].sort((a, b) => a - b));
    } finally {
      after.close();
      await second.stop();
    }
  }, 60_000);
});
