import { describe, expect, it } from 'vitest';
import { BUILTIN_RESOURCES, type ResourceType } from '../registry/index.js';
import { humanDuration } from './human-duration.js';
import { evaluateJsonPath, parseJsonPath } from './jsonpath.js';
import { buildTable, wantsTable } from './table.js';

const deployments = BUILTIN_RESOURCES.find((t) => t.kind === 'Deployment')!;
const now = Date.parse('2026-01-01T00:10:00Z');

describe('tables', () => {
  it('prints deployments with the columns kubectl shows, and metadata rows', () => {
    const table = buildTable(deployments, [{
      metadata: { name: 'web', namespace: 'apps', labels: { app: 'web' }, creationTimestamp: '2026-01-01T00:00:00Z', managedFields: [{}] },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1' }] } } },
      status: { readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1 },
    }], { include: 'Metadata', resourceVersion: '7', now }) as { columnDefinitions: { name: string; priority: number }[]; rows: { cells: unknown[]; object: { metadata: Record<string, unknown> } }[] };
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
    expect(table.rows[0]!.cells).toEqual(['web', '1/2', 2, 1, '10m', 'nginx', 'nginx:1', 'app=web']);
    expect(table.rows[0]!.object.metadata).toEqual({ name: 'web', namespace: 'apps', labels: { app: 'web' }, creationTimestamp: '2026-01-01T00:00:00Z' });
  });

  it('prints custom resources with their printer columns, including JSONPath filters', () => {
    const type: ResourceType = {
      ...deployments, group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization', custom: true,
      printerColumns: [
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
    };
    const table = buildTable(type, [{ metadata: { name: 'apps', creationTimestamp: '2026-01-01T00:09:00Z' }, status: { conditions: [{ type: 'Reconciling', status: 'False' }, { type: 'Ready', status: 'True' }] } }], { include: 'None', now }) as { rows: { cells: unknown[] }[] };
    expect(table.rows[0]!.cells).toEqual(['apps', 'True', '60s']);
  });

  it('recognises Table accept headers', () => {
    expect(wantsTable('application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json')).toBe(true);
    expect(wantsTable('application/json')).toBe(false);
  });

  it('formats ages as kubectl does', () => {
    expect([5, 119, 125, 600, 3600 * 5 + 120, 3600 * 30, 3600 * 24 * 3 + 3600 * 2, 3600 * 24 * 400].map((s) => humanDuration(s * 1000))).toEqual(['5s', '119s', '2m5s', '10m', '5h2m', '30h', '3d2h', '400d']);
  });

  it('evaluates JSONPath subsets', () => {
    const doc = { a: { list: [{ n: 1, t: 'x' }, { n: 2, t: 'y' }], 'dotted.key': 3 } };
    expect(evaluateJsonPath(parseJsonPath('.a.list[*].n'), doc)).toEqual([1, 2]);
    expect(evaluateJsonPath(parseJsonPath('{.a.list[1].t}'), doc)).toEqual(['y']);
    expect(evaluateJsonPath(parseJsonPath(".a['dotted.key']"), doc)).toEqual([3]);
    expect(evaluateJsonPath(parseJsonPath('.a.list[?(@.t=="x")].n'), doc)).toEqual([1]);
  });
});
