// The event recorder of a Flux controller (fluxcd/pkg runtime/events): every event becomes a
// core/v1 Event, and with --events-addr also a POST to notification-controller. Recording an
// event never fails a reconcile: API and HTTP errors are logged, never thrown.
//  - `Trace` events are written to Kubernetes as Normal and never forwarded (Flux does the same);
//  - a repeat of the same type+reason+message about the same object within `repeatWindowMs` bumps
//    `count` and `lastTimestamp` of the existing Event, as client-go's EventCorrelator does,
//    instead of piling up new Events.
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { errorMessage } from '../lib/index.js';
import { apiErrorStatus, type EventSubject, type RuntimeClient, type RuntimeObject } from './client.js';
import { eventMetadata, fluxEvent, kubeEvent, kubeTime, type EventType } from './event-payload.js';

/** Options of an EventRecorder. */
export interface EventRecorderOptions {
  client: RuntimeClient;
  /** Reporting controller, e.g. `source-controller`. */
  controller: string;
  /** notification-controller's events URL (Flux's --events-addr); unset: Kubernetes Events only. */
  eventsAddr?: string;
  logger: Logger;
  /** Reporting instance (default: the host name, as Flux uses the pod name). */
  instance?: string;
  /** Timeout of one POST (default 5 s, Flux's). */
  postTimeoutMs?: number;
  /** How long a repeat still counts as the same Event (default 10 min, client-go's aggregation window). */
  repeatWindowMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

interface SeenEvent { namespace: string; name: string; count: number; lastSeen: number }

/** client-go keeps the last 4096 event keys. */
const MAX_SEEN = 4096;

/** Records events about objects to the Kubernetes API and to notification-controller. */
export class EventRecorder {
  private readonly instance: string;
  private readonly now: () => Date;
  private readonly seen = new Map<string, SeenEvent>();
  /** Writes of one event key run one after another, so counts only grow. */
  private readonly chains = new Map<string, Promise<void>>();
  private sequence = 0;

  constructor(private readonly options: EventRecorderOptions) {
    this.instance = options.instance ?? hostname();
    this.now = options.now ?? (() => new Date());
  }

  /** Writes (or counts again) a core/v1 Event and, unless Trace, POSTs Flux's event JSON; resolves when both are done; never rejects. */
  async record(obj: EventSubject, type: EventType, reason: string, message: string, metadata?: Record<string, string>): Promise<void> {
    const meta = eventMetadata(obj, metadata);
    const log = this.options.logger.child({ name: obj.metadata.name, namespace: obj.metadata.namespace, 'reconciler kind': obj.kind });
    log.trace({ reason, type, annotations: meta }, message); // Flux logs every event at trace level
    const kubeType = type === 'Trace' ? 'Normal' : type;
    const at = this.now();
    const { kind, apiVersion, metadata: m } = obj;
    // client-go's getEventKey: the same object, type, reason and message are one Event.
    const key = JSON.stringify([this.options.controller, kind, m.namespace, m.name, m.uid, apiVersion, kubeType, reason, message]);
    const kube = this.serially(key, () => this.writeKubeEvent(key, { obj, type: kubeType, reason, message, at, meta }))
      .catch((err: unknown) => log.error({ err, error: errorMessage(err), reason }, 'unable to write Kubernetes event'));
    const forward = type !== 'Trace' && this.options.eventsAddr ? this.post(this.options.eventsAddr, { obj, type, reason, message, at, meta }, log) : undefined;
    await Promise.all([kube, forward]);
  }

  /** Runs writes of one key one after another. */
  private serially(key: string, write: () => Promise<void>): Promise<void> {
    const next = (this.chains.get(key) ?? Promise.resolve()).then(write);
    const tail = next.catch(() => undefined);
    this.chains.set(key, tail);
    void tail.then(() => {
      if (this.chains.get(key) === tail) this.chains.delete(key);
    });
    return next;
  }

  private async writeKubeEvent(key: string, e: PendingEvent): Promise<void> {
    const now = e.at.getTime();
    const seen = this.seen.get(key);
    this.seen.delete(key); // re-inserted below: the map's order is least recently used first
    if (seen && now - seen.lastSeen < (this.options.repeatWindowMs ?? 600_000)) {
      seen.count += 1;
      seen.lastSeen = now;
      try {
        const ref = { apiVersion: 'v1', kind: 'Event', namespace: seen.namespace, name: seen.name };
        await this.options.client.mergePatch(ref, { count: seen.count, lastTimestamp: kubeTime(e.at), message: e.message });
        this.remember(key, seen);
        return;
      } catch (err) {
        if (apiErrorStatus(err) !== 404) throw err; // 404: the Event expired (kube-apiserver keeps them 1 h); start a new one
      }
    }
    const event = kubeEvent({
      obj: e.obj, name: this.eventName(e.obj, e.at), type: e.type, reason: e.reason, message: e.message,
      annotations: e.meta, controller: this.options.controller, instance: this.instance, at: e.at,
    });
    await this.options.client.create(event);
    this.remember(key, { namespace: event.metadata.namespace!, name: event.metadata.name, count: 1, lastSeen: now });
  }

  private remember(key: string, seen: SeenEvent): void {
    this.seen.set(key, seen);
    if (this.seen.size > MAX_SEEN) this.seen.delete(this.seen.keys().next().value!);
  }

  /** `<object name>.<16 hex digits>`: client-go's name, the time in nanoseconds (a counter keeps names unique within a millisecond). */
  private eventName(obj: EventSubject, at: Date): string {
    this.sequence = (this.sequence + 1) % 1_000_000;
    const nanos = BigInt(at.getTime()) * 1_000_000n + BigInt(this.sequence);
    return `${obj.metadata.name}.${nanos.toString(16).padStart(16, '0')}`;
  }

  /** POSTs Flux's event JSON; 202 and 429 (a duplicate notification-controller already has) are both fine. */
  private async post(url: string, e: PendingEvent, log: Logger): Promise<void> {
    if (!e.obj.metadata.namespace) {
      log.error({ reason: e.reason }, 'unable to record event: failed to get object namespace');
      return;
    }
    const body = fluxEvent({
      obj: e.obj, type: e.type, reason: e.reason, message: e.message, metadata: e.meta,
      controller: this.options.controller, instance: this.instance, at: e.at,
    });
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.postTimeoutMs ?? 5000),
      });
      await res.arrayBuffer().catch(() => undefined); // drain, so the connection can be reused
      if (!res.ok && res.status !== 429) throw new Error(`${url} answered ${res.status} ${res.statusText}`);
    } catch (err) {
      log.error({ err, error: errorMessage(err), reason: e.reason }, 'unable to record event');
    }
  }
}

interface PendingEvent {
  obj: EventSubject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  at: Date;
  meta: Record<string, string>;
}
