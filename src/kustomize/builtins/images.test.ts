import { describe, expect, it } from 'vitest';
import { applyImageRule, splitImage } from './images.js';

describe('images', () => {
  it('splits name, tag and digest, ignoring a registry port', () => {
    expect(splitImage('localhost:5000/app:1.0@sha256:abc')).toEqual({ name: 'localhost:5000/app', tag: '1.0', digest: 'sha256:abc' });
    expect(splitImage('nginx')).toEqual({ name: 'nginx', tag: '', digest: '' });
    expect(splitImage('nginx@sha256:abc')).toEqual({ name: 'nginx', tag: '', digest: 'sha256:abc' });
  });
  it('replaces the tag and drops a digest when newTag is set', () => {
    expect(applyImageRule('nginx:1.0@sha256:abc', { name: 'nginx', newTag: '2.0' })).toBe('nginx:2.0');
  });
  it('renames and pins a digest', () => {
    expect(applyImageRule('nginx:1.0', { name: 'nginx', newName: 'reg/nginx', digest: 'sha256:def' })).toBe('reg/nginx@sha256:def');
  });
  it('leaves other images alone', () => {
    expect(applyImageRule('nginx-exporter:1', { name: 'nginx', newTag: '2' })).toBeUndefined();
  });
});
