// metadata.managedFields on the wire and in memory. On the wire: a list of entries, sorted the way
// the API server sorts them. In memory: one field set per manager identity, where an identity is
// (manager, operation, subresource) plus the apiVersion for Update entries, exactly as upstream
// keys them (so an applier keeps one entry across versions, an updater gets one per version).
import { ManagedFieldsInvalidError } from './errors.js';
import { FieldsV1Error, fromFieldsV1, toFieldsV1, type FieldsV1 } from './fields-v1.js';
import type { FieldSet } from './field-set.js';
import { compareStrings, goQuote, isObject } from './value.js';

/** Apply for server-side apply, Update for every other write. */
export type ManagedFieldsOperation = 'Apply' | 'Update';

/** One entry of metadata.managedFields, with its keys in the server's order. */
export interface ManagedFieldsEntry {
  readonly manager?: string;
  readonly operation: ManagedFieldsOperation;
  readonly apiVersion: string;
  readonly time?: string;
  readonly fieldsType: 'FieldsV1';
  readonly fieldsV1: FieldsV1;
  readonly subresource?: string;
}

/** One manager's ownership while a write is computed. */
export interface ManagerState {
  readonly manager: string;
  readonly operation: ManagedFieldsOperation;
  readonly apiVersion: string;
  readonly subresource?: string;
  readonly time?: string;
  readonly set: FieldSet;
}

/** Every manager's ownership, by manager identity. */
export type Managers = Map<string, ManagerState>;

/** Who a manager is: upstream's identity string (the entry without time, fields and, for Apply, apiVersion). */
export function managerIdentity(m: Pick<ManagerState, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  const id: Record<string, string> = {};
  if (m.manager !== '') id['manager'] = m.manager;
  id['operation'] = m.operation;
  if (m.operation === 'Update' && m.apiVersion !== '') id['apiVersion'] = m.apiVersion;
  if (m.subresource !== undefined && m.subresource !== '') id['subresource'] = m.subresource;
  return JSON.stringify(id);
}

/** A manager as conflict messages name it: `"kubectl-create" using v1`, `"kubectl"`. */
export function describeManager(m: Pick<ManagerState, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  let out = goQuote(m.manager);
  if (m.subresource !== undefined && m.subresource !== '') out += ` with subresource ${goQuote(m.subresource)}`;
  return m.operation === 'Update' ? `${out} using ${m.apiVersion}` : out;
}

/** A timestamp as the server writes it (RFC 3339, whole seconds, UTC). */
export function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

function fail(index: number, message: string, cause?: unknown): never {
  throw new ManagedFieldsInvalidError(`metadata.managedFields[${index}]: ${message}`, index, cause);
}

function optionalString(entry: Record<string, unknown>, key: string, index: number): string | undefined {
  const value = entry[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return fail(index, `${key} must be a string`);
  return value;
}

// Reads one entry; the checks and their order follow the API server's decoder.
function parseEntry(raw: unknown, index: number): ManagedFieldsEntry {
  if (!isObject(raw)) return fail(index, 'must be an object');
  const manager = optionalString(raw, 'manager', index);
  const operation = raw['operation'];
  if (operation !== 'Apply' && operation !== 'Update') return fail(index, 'operation must be `Apply` or `Update`');
  const apiVersion = optionalString(raw, 'apiVersion', index) ?? '';
  if (apiVersion === '') return fail(index, 'apiVersion must not be empty');
  const fieldsType = optionalString(raw, 'fieldsType', index) ?? '';
  if (fieldsType === '') return fail(index, `missing fieldsType in managed fields entry ${index}`);
  if (fieldsType !== 'FieldsV1') return fail(index, `invalid fieldsType ${goQuote(fieldsType)} in managed fields entry ${index}`);
  const time = optionalString(raw, 'time', index);
  if (time !== undefined && Number.isNaN(Date.parse(time))) return fail(index, `time ${goQuote(time)} is not an RFC 3339 timestamp`);
  const subresource = optionalString(raw, 'subresource', index);
  const fieldsV1 = raw['fieldsV1'] ?? {};
  try {
    fromFieldsV1(fieldsV1);
  } catch (err) {
    if (err instanceof FieldsV1Error) return fail(index, `error decoding fieldsV1: ${err.message}`, err);
    throw err;
  }
  return {
    ...(manager !== undefined ? { manager } : {}),
    operation,
    apiVersion,
    ...(time !== undefined ? { time } : {}),
    fieldsType: 'FieldsV1',
    fieldsV1: fieldsV1 as FieldsV1,
    ...(subresource !== undefined ? { subresource } : {}),
  };
}

/** Validates metadata.managedFields as a client sent it; throws ManagedFieldsInvalidError naming the entry. */
export function parseManagedFields(value: unknown): ManagedFieldsEntry[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ManagedFieldsInvalidError('metadata.managedFields: must be a list');
  return value.map(parseEntry);
}

/** Entries to in-memory managers (a later duplicate identity wins, as upstream). */
export function decodeManagers(entries: readonly ManagedFieldsEntry[]): Managers {
  const managers: Managers = new Map();
  for (const entry of entries) {
    const state: ManagerState = {
      manager: entry.manager ?? '',
      operation: entry.operation,
      apiVersion: entry.apiVersion,
      ...(entry.subresource !== undefined && entry.subresource !== '' ? { subresource: entry.subresource } : {}),
      ...(entry.time !== undefined ? { time: entry.time } : {}),
      set: fromFieldsV1(entry.fieldsV1),
    };
    managers.set(managerIdentity(state), state);
  }
  return managers;
}

const seconds = (time: string | undefined): number => (time === undefined ? 0 : Math.floor(Date.parse(time) / 1000));

// The server's order: operation, then time (to the second), manager, apiVersion, subresource.
function compareStates(p: ManagerState, q: ManagerState): number {
  return (
    compareStrings(p.operation, q.operation) ||
    seconds(p.time) - seconds(q.time) ||
    compareStrings(p.manager, q.manager) ||
    compareStrings(p.apiVersion, q.apiVersion) ||
    compareStrings(p.subresource ?? '', q.subresource ?? '')
  );
}

/** In-memory managers to sorted wire entries. */
export function encodeManagers(managers: Managers): ManagedFieldsEntry[] {
  return [...managers.values()].sort(compareStates).map((m) => ({
    ...(m.manager !== '' ? { manager: m.manager } : {}),
    operation: m.operation,
    apiVersion: m.apiVersion,
    ...(m.time !== undefined ? { time: m.time } : {}),
    fieldsType: 'FieldsV1' as const,
    fieldsV1: toFieldsV1(m.set),
    ...(m.subresource !== undefined ? { subresource: m.subresource } : {}),
  }));
}
