// Leader election on a coordination.k8s.io/v1 Lease, as client-go's leaderelection package does it,
// so that only one replica of a controller reconciles at a time (DESIGN.md: real-cluster mode).
//  - a candidate takes the Lease when it is absent, released (no holder) or expired
//    (renewTime + leaseDurationSeconds < now), and otherwise retries every retryPeriod (jittered);
//  - the leader renews every retryPeriod and gives up (onLost) once no renew succeeded for
//    renewDeadline, which is shorter than the lease so it stops before anyone else may start;
//  - every write is a PUT (or create) carrying the resourceVersion read: a 409 means another
//    replica won the race, and the attempt is simply retried next period;
//  - release() clears holderIdentity so another replica takes over at once.
import type { Logger } from 'pino';
import { errorMessage } from '../lib/index.js';
import { apiErrorStatus, type RuntimeClient, type RuntimeObject, type RuntimeObjectRef } from './client.js';

/** Options of a LeaderElector; durations default to Flux's (35 s, 30 s, 5 s). */
export interface LeaderElectorOptions {
  client: RuntimeClient;
  namespace: string;
  /** Lease name (Flux: e.g. `source-controller-leader-election`). */
  name: string;
  /** This replica's identity (Flux: pod name + random suffix). */
  identity: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  logger: Logger;
}

/** The spec of a coordination.k8s.io/v1 Lease as leader election uses it. */
export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

/** client-go's JitterFactor for the acquire loop. */
const JITTER = 1.2;

/** A time as metav1.MicroTime renders it (RFC 3339, microseconds). */
export function microTime(at: Date): string {
  return at.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Elects one leader among the replicas sharing a Lease. */
export class LeaderElector {
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly ref: RuntimeObjectRef;
  private leading = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The attempt in flight, awaited by release() so that it does not race the release write. */
  private attempt: Promise<unknown> = Promise.resolve();
  private lastRenew = 0;
  private resolveRun: (() => void) | undefined;

  constructor(private readonly options: LeaderElectorOptions) {
    this.leaseDurationMs = options.leaseDurationMs ?? 35_000;
    this.renewDeadlineMs = options.renewDeadlineMs ?? 30_000;
    this.retryPeriodMs = options.retryPeriodMs ?? 5_000;
    this.ref = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: options.namespace, name: options.name };
  }

  /** True while this replica holds the Lease. */
  get isLeader(): boolean {
    return this.leading;
  }

  /** Campaigns for the Lease; resolves once leading (or once released before that). Calls onLost if leadership is lost later. */
  run(onLeading: () => void, onLost: () => void): Promise<void> {
    return new Promise((resolve) => {
      this.resolveRun = resolve;
      const acquire = async () => {
        if (this.stopped) return;
        const won = await this.track(this.tryAcquireOrRenew());
        if (won) this.leading = true; // even when released meanwhile: release() then clears the lease
        if (this.stopped) return;
        if (won) {
          this.lastRenew = Date.now();
          this.options.logger.info({ lease: `${this.options.namespace}/${this.options.name}`, identity: this.options.identity }, 'successfully acquired lease');
          onLeading();
          resolve();
          this.schedule(renew, this.retryPeriodMs);
        } else {
          this.schedule(acquire, this.retryPeriodMs * (1 + Math.random() * JITTER));
        }
      };
      const renew = async () => {
        if (this.stopped) return;
        // A renew that hangs past the deadline counts as failed: leadership must end in time.
        const deadline = this.lastRenew + this.renewDeadlineMs - Date.now();
        if (await this.track(withTimeout(this.tryAcquireOrRenew(), deadline))) this.lastRenew = Date.now();
        if (this.stopped) return;
        if (Date.now() - this.lastRenew >= this.renewDeadlineMs) {
          this.leading = false;
          this.stopped = true;
          this.options.logger.error({ lease: `${this.options.namespace}/${this.options.name}` }, 'failed to renew lease: leader election lost');
          onLost();
          return;
        }
        this.schedule(renew, this.retryPeriodMs);
      };
      void acquire();
    });
  }

  /** Stops campaigning; when leading, clears holderIdentity so another replica takes over at once. Does not call onLost. */
  async release(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.attempt;
    this.resolveRun?.();
    if (!this.leading) return;
    this.leading = false;
    try {
      const lease = await this.options.client.get(this.ref);
      if (!lease || leaseSpec(lease).holderIdentity !== this.options.identity) return;
      const now = microTime(new Date());
      const spec: LeaseSpec = { leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: leaseSpec(lease).leaseTransitions ?? 0 };
      await this.options.client.replace({ ...lease, spec });
    } catch (err) {
      this.options.logger.error({ err, error: errorMessage(err) }, 'failed to release lease');
    }
  }

  private schedule(step: () => Promise<void>, ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void step(), ms);
    this.timer.unref?.();
  }

  private track<T>(attempt: Promise<T>): Promise<T> {
    this.attempt = attempt.catch(() => undefined);
    return attempt;
  }

  /** One round of client-go's tryAcquireOrRenew: true when this replica holds a fresh lease afterwards. */
  private async tryAcquireOrRenew(): Promise<boolean> {
    const { client, identity } = this.options;
    const now = new Date();
    const fresh: LeaseSpec = {
      holderIdentity: identity,
      leaseDurationSeconds: Math.max(1, Math.round(this.leaseDurationMs / 1000)),
      acquireTime: microTime(now),
      renewTime: microTime(now),
      leaseTransitions: 0,
    };
    try {
      const lease = await client.get(this.ref);
      if (!lease) {
        await client.create({ apiVersion: this.ref.apiVersion, kind: 'Lease', metadata: { name: this.ref.name, namespace: this.ref.namespace }, spec: fresh });
        return true;
      }
      const old = leaseSpec(lease);
      const held = old.holderIdentity === identity;
      if (old.holderIdentity && !held && !isExpired(old, now)) return false;
      const spec: LeaseSpec = held
        ? { ...fresh, acquireTime: old.acquireTime ?? fresh.acquireTime, leaseTransitions: old.leaseTransitions ?? 0 }
        : { ...fresh, leaseTransitions: (old.leaseTransitions ?? 0) + 1 };
      await client.replace({ ...lease, spec }); // carries the resourceVersion read: 409 if someone wrote meanwhile
      return true;
    } catch (err) {
      const status = apiErrorStatus(err);
      if (status !== 409) this.options.logger.error({ err, error: errorMessage(err) }, 'error retrieving or updating lease');
      return false;
    }
  }
}

function leaseSpec(lease: RuntimeObject): LeaseSpec {
  return (lease['spec'] ?? {}) as LeaseSpec;
}

/** A lease is expired when its holder did not renew within leaseDurationSeconds. */
function isExpired(spec: LeaseSpec, now: Date): boolean {
  const renewed = Date.parse(spec.renewTime ?? spec.acquireTime ?? '');
  if (Number.isNaN(renewed)) return true;
  return renewed + (spec.leaseDurationSeconds ?? 0) * 1000 < now.getTime();
}

/** Resolves false if `attempt` has not settled within `ms`. */
function withTimeout(attempt: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, ms))));
  return Promise.race([attempt, timeout]).finally(() => clearTimeout(timer));
}
