import { describe, expect, it } from 'vitest';
import { ManagedFieldsInvalidError } from './errors.js';
import { describeManager, managerIdentity, parseManagedFields } from './managed-fields.js';

const valid = { manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: '2024-05-01T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } };

describe('parseManagedFields', () => {
  it('returns typed entries for well-formed managedFields, fieldsV1 as given', () => {
    expect(parseManagedFields([valid])).toEqual([valid]);
    expect(parseManagedFields(undefined)).toEqual([]);
  });

  it.each([
    ['an unknown operation', { ...valid, operation: 'Patch' }, 'metadata.managedFields[1]: operation must be `Apply` or `Update`'],
    ['an empty apiVersion', { ...valid, apiVersion: '' }, 'metadata.managedFields[1]: apiVersion must not be empty'],
    ['a missing fieldsType', { ...valid, fieldsType: undefined }, 'metadata.managedFields[1]: missing fieldsType in managed fields entry 1'],
    ['another fieldsType', { ...valid, fieldsType: 'FieldsV2' }, 'metadata.managedFields[1]: invalid fieldsType "FieldsV2" in managed fields entry 1'],
    ['unreadable fieldsV1', { ...valid, fieldsV1: { 'k:nope': {} } }, 'metadata.managedFields[1]: error decoding fieldsV1: k:nope: '],
    ['a bad time', { ...valid, time: 'yesterday' }, 'metadata.managedFields[1]: time "yesterday" is not an RFC 3339 timestamp'],
  ])('rejects %s, naming the entry', (_what, bad, message) => {
    let caught: unknown;
    try {
      parseManagedFields([valid, bad]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ManagedFieldsInvalidError);
    expect((caught as ManagedFieldsInvalidError).message.startsWith(message)).toBe(true);
    expect((caught as ManagedFieldsInvalidError).entryIndex).toBe(1);
    expect((caught as ManagedFieldsInvalidError).statusCode).toBe(400);
  });

  it('rejects something that is not a list', () => {
    expect(() => parseManagedFields({})).toThrow('metadata.managedFields: must be a list');
  });
});

describe('manager identity', () => {
  it('keys appliers without their version and updaters with it, as the server does', () => {
    expect(managerIdentity({ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1' })).toBe('{"manager":"kubectl","operation":"Apply"}');
    expect(managerIdentity({ manager: 'k', operation: 'Update', apiVersion: 'apps/v1', subresource: 'status' })).toBe(
      '{"manager":"k","operation":"Update","apiVersion":"apps/v1","subresource":"status"}',
    );
  });

  it('describes managers the way conflict messages name them', () => {
    expect(describeManager({ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1' })).toBe('"kubectl"');
    expect(describeManager({ manager: 'hpa', operation: 'Update', apiVersion: 'apps/v1' })).toBe('"hpa" using apps/v1');
  });
});
