// Two replicas electing a leader on one Lease of the embedded control plane.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { useControlPlaneClient } from '../../test/support/control-plane.js';
import { KubeClient, type KubeObject } from '../kube/index.js';
import type { RuntimeClient } from './client.js';
import { LeaderElector, type LeaseSpec } from './leader-election.js';

const cp = useControlPlaneClient();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const leaseRef = (name: string) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: 'default', name });

async function leaseSpec(name: string): Promise<LeaseSpec> {
  return (await cp.client.get(leaseRef(name)))!['spec'] as LeaseSpec;
}

/** Replicas on one Lease; records who leads and fails the test's check if two ever lead at once. */
function cluster(lease: string) {
  const leaders = new Set<string>();
  const history: string[] = [];
  let overlap = false;
  const replica = (identity: string, replicaClient: RuntimeClient = cp.client) => {
    const elector = new LeaderElector({
      client: replicaClient, namespace: 'default', name: lease, identity, logger: pino({ level: 'silent' }),
      leaseDurationMs: 2000, renewDeadlineMs: 1000, retryPeriodMs: 200,
    });
    const leading = elector.run(
      () => {
        leaders.add(identity);
        if (leaders.size > 1) overlap = true;
        history.push(`${identity} leads`);
      },
      () => {
        leaders.delete(identity);
        history.push(`${identity} lost`);
      },
    );
    return {
      elector, leading,
      async release() {
        await elector.release();
        leaders.delete(identity);
        history.push(`${identity} released`);
      },
    };
  };
  return { replica, leaders, history, overlap: () => overlap };
}

/** A client that fails every call while `down` is set, like a replica cut off from the API server. */
function partitionable(): { client: RuntimeClient; cut(): void } {
  let down = false;
  const guard = <T>(call: () => Promise<T>) => (down ? Promise.reject(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' })) : call());
  return {
    cut: () => void (down = true),
    client: {
      get: (ref) => guard(() => cp.client.get(ref)),
      create: (obj, options) => guard(() => cp.client.create(obj as KubeObject, options)),
      mergePatch: (ref, patch, options) => guard(() => cp.client.mergePatch(ref, patch, options)),
      replace: (obj, options) => guard(() => cp.client.replace(obj as KubeObject, options)),
    },
  };
}

describe('LeaderElector on a Lease', () => {
  it('lets one replica lead; another takes over at once when it releases', async () => {
    const { replica, leaders, history, overlap } = cluster('release-lease');
    const a = replica('a');
    await a.leading;
    expect(a.elector.isLeader).toBe(true);
    expect(await leaseSpec('release-lease')).toMatchObject({ holderIdentity: 'a', leaseDurationSeconds: 2, leaseTransitions: 0 });
    const b = replica('b');
    await sleep(2500); // longer than the lease: a keeps renewing, so b must not take it
    expect([...leaders]).toEqual(['a']);
    const renewed = await leaseSpec('release-lease');
    expect(Date.parse(renewed.renewTime!)).toBeGreaterThan(Date.parse(renewed.acquireTime!));
    const released = Date.now();
    await a.release();
    await b.leading;
    expect(Date.now() - released).toBeLessThan(1500); // well before the 2 s lease would have run out
    expect(await leaseSpec('release-lease')).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    await b.release();
    expect(history).toEqual(['a leads', 'a released', 'b leads', 'b released']);
    expect(overlap()).toBe(false);
    expect((await leaseSpec('release-lease')).holderIdentity ?? '').toBe('');
  });

  it('gives up leading when renewing fails for the renew deadline; another takes over once the lease expires', async () => {
    const { replica, history, overlap } = cluster('partition-lease');
    const link = partitionable();
    const a = replica('a', link.client);
    await a.leading;
    const b = replica('b');
    await sleep(500);
    link.cut();
    await b.leading;
    expect(history).toEqual(['a leads', 'a lost', 'b leads']);
    expect(overlap()).toBe(false);
    expect(a.elector.isLeader).toBe(false);
    expect(await leaseSpec('partition-lease')).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    await b.release();
  });
});
