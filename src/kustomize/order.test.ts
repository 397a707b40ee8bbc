import { describe, expect, it } from 'vitest';
import { legacySort } from './order.js';
import type { Resource } from './resource.js';

const res = (kind: string, name: string, namespace?: string, apiVersion = 'v1'): Resource =>
  ({ obj: { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } }, prevIds: [], origin: {} });
const names = (list: Resource[]) => list.map((r) => `${String(r.obj.kind)}/${String((r.obj.metadata as { name: string }).name)}`);

describe('legacy order', () => {
  it('puts namespaces and RBAC first, webhooks last, other kinds in between', () => {
    const sorted = legacySort([res('ValidatingWebhookConfiguration', 'v'), res('Widget', 'w', undefined, 'x.io/v1'), res('Deployment', 'd', undefined, 'apps/v1'), res('Namespace', 'n')]);
    expect(names(sorted)).toEqual(['Namespace/n', 'Deployment/d', 'Widget/w', 'ValidatingWebhookConfiguration/v']);
  });
  it('sorts by namespace then name, an unset namespace after every set one', () => {
    const sorted = legacySort([res('ConfigMap', 'a'), res('ConfigMap', 'b', 'default'), res('ConfigMap', 'c', 'a')]);
    expect(names(sorted)).toEqual(['ConfigMap/c', 'ConfigMap/b', 'ConfigMap/a']);
  });
  it('takes custom kind lists from sortOptions', () => {
    expect(names(legacySort([res('Namespace', 'n'), res('Service', 's')], { orderFirst: ['Service'], orderLast: ['Namespace'] }))).toEqual(['Service/s', 'Namespace/n']);
  });
});
