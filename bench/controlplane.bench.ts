// Control-plane figures on this machine: server-side applies per second (1 and 8 clients),
// list latency at 10,000 and 50,000 objects, watch fan-out latency to 100 watchers, and the
// resident memory of the process holding 50,000 objects. The control plane runs as a real
// `weir controlplane` process with SQLite; the client is this process.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../test/support/api-client.js';
import { startWeirControlPlane } from '../test/support/weir-process.js';
import { startFloorServer, type FloorServer } from './http-floor.js';

const APPLY = 'application/apply-patch+yaml';

function configMap(name: string, namespace: string, i: number): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels: { app: 'bench', shard: String(i % 10) } }, data: { index: String(i), payload: 'x'.repeat(256) } };
}

function deployment(name: string, namespace: string, i: number): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace, labels: { app: name } },
    spec: {
      replicas: 1 + (i % 3), selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: `registry.example/app:${i}`, ports: [{ containerPort: 8080 }], env: [{ name: 'INDEX', value: String(i) }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      },
    },
  };
}

/** Runs `count` requests over `clients` concurrent loops and returns requests per second. */
async function rate(count: number, clients: number, request: (i: number) => Promise<number>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let i = next++; i < count; i = next++) {
      const status = await request(i);
      if (status >= 300) throw new Error(`request ${i} answered ${status}`);
    }
  }));
  return count / ((performance.now() - started) / 1000);
}

async function median(runs: number, measure: () => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await measure());
  return values.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function applyRates(weir: ApiClient, floor: ApiClient, label: string, make: (name: string, ns: string, i: number) => Record<string, unknown>, plural: string, group: string, counts: [number, number]): Promise<void> {
  const path = (ns: string, name: string) => `${group}/namespaces/${ns}/${plural}/${name}?fieldManager=bench`;
  for (const [clients, count] of [[1, counts[0]], [8, counts[1]]] as const) {
    const ns = `bench-${plural}-${clients}`;
    await weir.send('POST', '/api/v1/namespaces', { metadata: { name: ns } });
    const created = await rate(count, clients, async (i) => (await weir.send('PATCH', path(ns, `o${i}`), make(`o${i}`, ns, i), APPLY)).status);
    const updated = await rate(count, clients, async (i) => (await weir.send('PATCH', path(ns, `o${i}`), make(`o${i}`, ns, i + 1), APPLY)).status);
    const unchanged = await rate(count, clients, async (i) => (await weir.send('PATCH', path(ns, `o${i}`), make(`o${i}`, ns, i + 1), APPLY)).status);
    const peer = await rate(count, clients, async (i) => (await floor.send('PATCH', '/', make(`o${i}`, ns, i))).status);
    console.log(`SSA apply ${label}, ${clients} client${clients > 1 ? 's' : ''}: create ${fmt(created)}/s, update ${fmt(updated)}/s, no-op ${fmt(unchanged)}/s | HTTPS floor ${fmt(peer)}/s | weir/floor (update) ${fmt(updated / peer, 2)}`);
  }
}

async function fill(weir: ApiClient, namespace: string, count: number): Promise<void> {
  await weir.send('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
  await rate(count, 8, async (i) => (await weir.send('POST', `/api/v1/namespaces/${namespace}/configmaps`, configMap(`cm-${i}`, namespace, i))).status);
}

async function listLatency(weir: ApiClient, floorServer: FloorServer, floor: ApiClient, path: string, label: string): Promise<void> {
  const sample = await weir.send('GET', path);
  const items = sample.body.items.length as number;
  const ms = await median(5, async () => { const t = performance.now(); await weir.send('GET', path); return performance.now() - t; });
  const selector = await median(5, async () => { const t = performance.now(); await weir.send('GET', `${path}${path.includes('?') ? '&' : '?'}labelSelector=shard%3D3`); return performance.now() - t; });
  floorServer.setDocument(JSON.stringify(sample.body));
  const peer = await median(5, async () => { const t = performance.now(); await floor.send('GET', '/'); return performance.now() - t; });
  console.log(`list ${label} (${fmt(items)} items): ${fmt(ms, 1)} ms, with labelSelector shard=3 ${fmt(selector, 1)} ms | floor (same bytes) ${fmt(peer, 1)} ms | weir/floor ${fmt(ms / peer, 2)}`);
}

async function watchFanOut(weir: ApiClient, watchClient: ApiClient, watchers: number, writes: number): Promise<void> {
  const ns = 'bench-watch';
  await weir.send('POST', '/api/v1/namespaces', { metadata: { name: ns } });
  const arrivals = new Map<string, number[]>();
  // Watchers get their own connections: each holds one open for as long as it watches.
  const streams = Array.from({ length: watchers }, () => watchClient.watch(`/api/v1/namespaces/${ns}/configmaps?watch=true`, (event) => {
    const list = arrivals.get(event.object.metadata.name) ?? [];
    list.push(performance.now());
    arrivals.set(event.object.metadata.name, list);
  }));
  await new Promise((r) => setTimeout(r, 500));
  const latencies: number[] = [];
  for (let i = 0; i < writes; i++) {
    const name = `w${i}`;
    const sent = performance.now();
    await weir.send('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name }, data: { i: String(i) } });
    const deadline = Date.now() + 5000;
    while ((arrivals.get(name)?.length ?? 0) < watchers && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    latencies.push(Math.max(...(arrivals.get(name) ?? [Infinity])) - sent);
  }
  for (const stream of streams) stream.stop();
  console.log(`watch fan-out to ${watchers} watchers (${writes} writes, write sent → last watcher has it): p50 ${fmt(percentile(latencies, 50), 1)} ms, p99 ${fmt(percentile(latencies, 99), 1)} ms`);
}

/** Runs the control-plane benchmarks and prints one line per figure. */
export async function benchControlPlane(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'weir-bench-'));
  const process = await startWeirControlPlane(dataDir);
  const weir = new ApiClient(process.url, dataDir, 8);
  const floorServer = await startFloorServer(dataDir);
  const floor = new ApiClient(floorServer.url, dataDir, 8);
  try {
    console.log(`control plane (SQLite, WAL) vs. the HTTPS floor of Node ${globalThis.process.version} on this machine`);
    // Warm both servers up (JIT, TLS sessions) so that the first figure is not a cold start.
    await weir.send('POST', '/api/v1/namespaces', { metadata: { name: 'bench-warmup' } });
    await rate(300, 8, async (i) => (await weir.send('PATCH', `/api/v1/namespaces/bench-warmup/configmaps/w${i}?fieldManager=bench`, configMap(`w${i}`, 'bench-warmup', i), APPLY)).status);
    await rate(300, 8, async (i) => (await floor.send('PATCH', '/', configMap(`w${i}`, 'bench-warmup', i))).status);
    await applyRates(weir, floor, 'ConfigMap', configMap, 'configmaps', '/api/v1', [1000, 2000]);
    await applyRates(weir, floor, 'Deployment', deployment, 'deployments', '/apis/apps/v1', [500, 1000]);
    await fill(weir, 'bench-list-10k', 10_000);
    await listLatency(weir, floorServer, floor, '/api/v1/namespaces/bench-list-10k/configmaps', '10,000 ConfigMaps in one namespace');
    await fill(weir, 'bench-list-40k', 40_000);
    const total = (await weir.send('GET', '/api/v1/configmaps?limit=1')).body.metadata.remainingItemCount + 1;
    const afterWrites = rssMiB(process.child.pid!);
    await listLatency(weir, floorServer, floor, '/api/v1/configmaps', 'all ConfigMaps');
    console.log(`memory: RSS of the control plane holding ${fmt(total)} ConfigMaps (+ the apply sets): ${fmt(afterWrites)} MiB after the writes, ${fmt(rssMiB(process.child.pid!))} MiB after the list benchmark`);
    const watchClient = new ApiClient(process.url, dataDir, 128);
    await watchFanOut(weir, watchClient, 100, 200);
    watchClient.close();
  } finally {
    weir.close();
    floor.close();
    await floorServer.close();
    await process.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
