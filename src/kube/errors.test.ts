import { describe, expect, it } from 'vitest';
import { groupVersionPath } from './discovery.js';
import { apiErrorOf, isKubeApiError, KubeApiError, statusError } from './errors.js';
import { describeRef, describeType } from './types.js';

describe('apiErrorOf', () => {
  it('takes status, reason and message from a Status reply and names the object first', () => {
    const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 409, reason: 'Conflict', message: 'the object has been modified', details: { name: 'podinfo' } });
    const err = apiErrorOf('GitRepository/flux-system/podinfo', 409, body);
    expect(err).toBeInstanceOf(KubeApiError);
    expect(err).toMatchObject({ status: 409, reason: 'Conflict', code: 'kube.api.conflict', statusMessage: 'the object has been modified', details: { name: 'podinfo' } });
    expect(err.message).toBe('GitRepository/flux-system/podinfo: the object has been modified');
  });

  it('falls back to the HTTP status when the reply is no Status', () => {
    const err = apiErrorOf('ConfigMap/default/x', 503, '<html>upstream down</html>');
    expect(err).toMatchObject({ status: 503, reason: 'ServiceUnavailable', message: 'ConfigMap/default/x: <html>upstream down</html>' });
    expect(apiErrorOf('Namespace/x', 418, '')).toMatchObject({ status: 418, reason: 'Unknown', message: "Namespace/x: I'm a Teapot" });
  });

  it('reads the code of a watch ERROR event', () => {
    const err = statusError('ConfigMap in default', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 1 (5)' });
    expect(isKubeApiError(err, 410)).toBe(true);
    expect(isKubeApiError(err, 404)).toBe(false);
    expect(isKubeApiError(new Error('x'))).toBe(false);
  });
});

describe('names in messages and paths', () => {
  it('names objects and collections', () => {
    expect(describeRef({ kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo' })).toBe('GitRepository/flux-system/podinfo');
    expect(describeRef({ kind: 'Namespace', name: 'apps' })).toBe('Namespace/apps');
    expect(describeType({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default' })).toBe('ConfigMap in default');
    expect(describeType({ apiVersion: 'v1', kind: 'Namespace' })).toBe('Namespace');
  });

  it('maps apiVersion to the discovery path and refuses malformed ones', () => {
    expect(groupVersionPath('v1')).toBe('/api/v1');
    expect(groupVersionPath('source.toolkit.fluxcd.io/v1')).toBe('/apis/source.toolkit.fluxcd.io/v1');
    expect(() => groupVersionPath('a/b/c')).toThrow(/apiVersion "a\/b\/c"/);
  });
});
