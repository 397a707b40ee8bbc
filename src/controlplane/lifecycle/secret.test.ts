import { describe, expect, it } from 'vitest';
import { normalizeSecret } from './secret.js';

describe('normalizeSecret', () => {
  it('stores stringData as base64 data, a stringData key winning over the same data key', () => {
    const secret = { metadata: { name: 's' }, data: { kept: 'a2VwdA==', both: 'b2xk' }, stringData: { both: 'new', plain: 'hunter2' } };
    normalizeSecret(secret);
    expect(secret).toEqual({ metadata: { name: 's' }, type: 'Opaque', data: { kept: 'a2VwdA==', both: 'bmV3', plain: 'aHVudGVyMg==' } });
  });

  it('keeps a given type and a Secret without stringData as it is', () => {
    const secret = { metadata: { name: 's' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } };
    normalizeSecret(secret);
    expect(secret).toEqual({ metadata: { name: 's' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } });
  });

  it('encodes stringData as UTF-8', () => {
    const secret: { metadata: object; stringData?: object; data?: Record<string, string> } = { metadata: {}, stringData: { word: 'größe' } };
    normalizeSecret(secret as never);
    expect(Buffer.from(secret.data!.word!, 'base64').toString('utf8')).toBe('größe');
  });
});
