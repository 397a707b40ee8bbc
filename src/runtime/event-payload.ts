// Pure builders of what the EventRecorder writes: the core/v1 Event (as client-go's recorder makes
// it) and the JSON Flux controllers POST to notification-controller (fluxcd/pkg runtime/events,
// flux-spec §4.1). Kept apart from the I/O so the exact shapes are easy to test.
import type { EventSubject, RuntimeObject } from './client.js';

/** Kubernetes event type, plus Flux's `Trace` (recorded in Kubernetes as Normal, never forwarded). */
export type EventType = 'Normal' | 'Warning' | 'Trace';

/** Object annotations with this prefix are copied into every event's metadata (Flux's event API group). */
export const EVENT_ANNOTATION_PREFIX = 'event.toolkit.fluxcd.io/';

/** corev1.ObjectReference of an object, fields in Go's JSON order, empty ones left out. */
export interface InvolvedObject {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  apiVersion: string;
  resourceVersion?: string;
}

/** The object reference client-go's reference.GetReference builds. */
export function involvedObjectOf(obj: EventSubject): InvolvedObject {
  const { name, namespace, uid, resourceVersion } = obj.metadata;
  return {
    kind: obj.kind,
    ...(namespace ? { namespace } : {}),
    name,
    ...(uid ? { uid } : {}),
    apiVersion: obj.apiVersion,
    ...(resourceVersion ? { resourceVersion } : {}),
  };
}

/** The API group of an apiVersion (`''` for the core group). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * An event's metadata: the caller's keys prefixed with the object's API group (`revision` →
 * `source.toolkit.fluxcd.io/revision`; keys that already hold a `/` are kept), then the object's
 * `event.toolkit.fluxcd.io/*` annotations. Keys sorted, as Go marshals a map.
 */
export function eventMetadata(obj: EventSubject, metadata: Record<string, string> = {}): Record<string, string> {
  const group = apiGroupOf(obj.apiVersion);
  const entries: Array<[string, string]> = Object.entries(metadata).map(([k, v]) => [k.includes('/') || !group ? k : `${group}/${k}`, v]);
  for (const [k, v] of Object.entries(obj.metadata.annotations ?? {})) {
    if (k.startsWith(EVENT_ANNOTATION_PREFIX)) entries.push([k, v]);
  }
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A time as metav1.Time renders it: RFC 3339 in UTC, whole seconds. */
export function kubeTime(at: Date): string {
  return at.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Flux's event JSON (fluxcd/pkg apis/event Event), keys in Go's order. */
export interface FluxEvent {
  involvedObject: InvolvedObject;
  severity: 'info' | 'error';
  timestamp: string;
  message: string;
  reason: string;
  metadata?: Record<string, string>;
  reportingController: string;
  reportingInstance?: string;
}

/** Builds the JSON POSTed to notification-controller for a Normal (info) or Warning (error) event. */
export function fluxEvent(options: {
  obj: EventSubject; type: 'Normal' | 'Warning'; reason: string; message: string;
  metadata: Record<string, string>; controller: string; instance: string; at: Date;
}): FluxEvent {
  const { obj, type, reason, message, metadata, controller, instance, at } = options;
  return {
    involvedObject: involvedObjectOf(obj),
    severity: type === 'Warning' ? 'error' : 'info',
    timestamp: kubeTime(at),
    message,
    reason,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    reportingController: controller,
    ...(instance ? { reportingInstance: instance } : {}),
  };
}

/** Builds a new core/v1 Event about an object (client-go's makeEvent; count 1). */
export function kubeEvent(options: {
  obj: EventSubject; name: string; type: 'Normal' | 'Warning'; reason: string; message: string;
  annotations: Record<string, string>; controller: string; instance: string; at: Date;
}): RuntimeObject {
  const { obj, name, type, reason, message, annotations, controller, instance, at } = options;
  const time = kubeTime(at);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name,
      // client-go files events about cluster-scoped objects under `default`.
      namespace: obj.metadata.namespace || 'default',
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    involvedObject: involvedObjectOf(obj),
    reason,
    message,
    type,
    source: { component: controller },
    reportingComponent: controller,
    reportingInstance: instance,
    firstTimestamp: time,
    lastTimestamp: time,
    count: 1,
  };
}
