// The bridge between client-side apply's last-applied annotation and server-side apply, for the
// manager `kubectl` only (upstream lastAppliedManager and lastAppliedUpdater): an object first
// client-side applied can be server-side applied without conflicts on the fields the annotation
// shows kubectl set, and kubectl's server-side applies keep the annotation current.
import type { SchemaType } from '../../apimachinery/index.js';
import { compareObjects } from './compare.js';
import { difference, type FieldSet } from './field-set.js';
import { fieldsOf } from './fields-of.js';
import { compareStrings, isObject, type JsonObject } from './value.js';

/** The annotation client-side apply keeps. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Only kubectl's own server-side applies get this treatment; other managers opt out by name. */
export const KUBECTL_MANAGER = 'kubectl';

function lastAppliedText(object: unknown): string | undefined {
  const annotations = isObject(object) && isObject(object['metadata']) ? object['metadata']['annotations'] : undefined;
  const text = isObject(annotations) ? annotations[LAST_APPLIED_ANNOTATION] : undefined;
  return typeof text === 'string' && text !== '' ? text : undefined;
}

/**
 * The fields the live object's last-applied annotation shows kubectl owns: what the annotation
 * sets, less anything whose live value differs. Undefined when there is no usable annotation.
 */
export function fieldsAllowedByLastApplied(live: unknown, apiVersion: string, schema: SchemaType): FieldSet | undefined {
  const text = lastAppliedText(live);
  if (text === undefined) return undefined;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(lastApplied) || lastApplied['apiVersion'] !== apiVersion) return undefined;
  const comparison = compareObjects(lastApplied, live, schema);
  const set = fieldsOf(lastApplied, schema);
  return difference(difference(difference(set, comparison.modified), comparison.added), comparison.removed);
}

/** `object` with its last-applied annotation rewritten from `config`, when it has one. */
export function refreshLastApplied(object: JsonObject, config: JsonObject): JsonObject {
  if (lastAppliedText(object) === undefined) return object;
  const metadata = object['metadata'] as JsonObject;
  const annotations = { ...(metadata['annotations'] as JsonObject), [LAST_APPLIED_ANNOTATION]: encodeLastApplied(config) };
  return { ...object, metadata: { ...metadata, annotations } };
}

// The annotation holds the applied config without the annotation itself, encoded as Go's
// encoding/json encodes an unstructured object: sorted keys, HTML-safe escapes, a trailing newline.
function encodeLastApplied(config: JsonObject): string {
  let copy = config;
  const metadata = config['metadata'];
  if (isObject(metadata) && isObject(metadata['annotations'])) {
    const { [LAST_APPLIED_ANNOTATION]: _self, ...annotations } = metadata['annotations'];
    copy = { ...config, metadata: { ...metadata, annotations } };
  }
  return `${goJson(copy)}\n`;
}

function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort(compareStrings);
    return `{${keys.map((k) => `${goString(k)}:${goJson(value[k])}`).join(',')}}`;
  }
  return typeof value === 'string' ? goString(value) : (JSON.stringify(value) ?? 'null');
}

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
