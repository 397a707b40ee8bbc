import { describe, expect, it } from 'vitest';
import { matchesFields, parseFieldSelector } from './field-selector.js';
import { matchesLabels, parseLabelSelector } from './label-selector.js';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', 'app.kubernetes.io/name': 'x' };
  const matches = (selector: string) => matchesLabels(parseLabelSelector(selector), labels);

  it('match equality and inequality requirements', () => {
    expect(matches('app=web')).toBe(true);
    expect(matches('app==web,tier=front')).toBe(true);
    expect(matches('app!=web')).toBe(false);
    expect(matches('missing!=x')).toBe(true);
    expect(matches('app.kubernetes.io/name=x')).toBe(true);
  });

  it('match set-based requirements', () => {
    expect(matches('tier in (front, back)')).toBe(true);
    expect(matches('tier notin (front)')).toBe(false);
    expect(matches('app,!missing')).toBe(true);
    expect(matches('!app')).toBe(false);
    expect(matches('app in (web),tier notin (back)')).toBe(true);
  });

  it('treats an empty selector as everything and refuses garbage', () => {
    expect(matches('')).toBe(true);
    expect(() => parseLabelSelector('a in b')).toThrow(/unable to parse requirement/);
    expect(() => parseLabelSelector('=x')).toThrow(/unable to parse/);
  });
});

describe('field selectors', () => {
  const event = { metadata: { name: 'e1', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p1' }, type: 'Normal' };

  it('match metadata and kind-specific fields', () => {
    expect(matchesFields(parseFieldSelector('metadata.name=e1', 'Event', false), event)).toBe(true);
    expect(matchesFields(parseFieldSelector('involvedObject.kind=Pod,involvedObject.name=p1', 'Event', false), event)).toBe(true);
    expect(matchesFields(parseFieldSelector('type!=Normal', 'Event', false), event)).toBe(false);
  });

  it('refuses fields the kind does not support', () => {
    expect(() => parseFieldSelector('spec.foo=bar', 'ConfigMap', false)).toThrow('field label not supported: spec.foo');
  });
});
