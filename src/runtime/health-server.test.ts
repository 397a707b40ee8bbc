import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer } from './health-server.js';
import { RuntimeMetrics } from './metrics.js';

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function get(path: string): Promise<{ status: number; type: string | null; body: string }> {
  const res = await fetch(`http://127.0.0.1:${server!.port}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

describe('startHealthServer', () => {
  it('answers /healthz always, /readyz by ready(), /metrics in Prometheus text', async () => {
    let ready = false;
    const metrics = new RuntimeMetrics();
    metrics.countReconcile('gitrepository', 'success');
    server = await startHealthServer({ address: '127.0.0.1', port: 0, metrics, ready: () => ready });
    expect(server.port).toBeGreaterThan(0);
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(503);
    ready = true;
    expect((await get('/readyz')).status).toBe(200);
    const scraped = await get('/metrics');
    expect(scraped.status).toBe(200);
    expect(scraped.type).toContain('text/plain');
    expect(scraped.body).toContain('controller_runtime_reconcile_total{controller="gitrepository",result="success"} 1');
    expect((await get('/nope')).status).toBe(404);
  });

  it('rejects when the port is taken', async () => {
    server = await startHealthServer({ address: '127.0.0.1', port: 0, metrics: new RuntimeMetrics(), ready: () => true });
    await expect(startHealthServer({ address: '127.0.0.1', port: server.port, metrics: new RuntimeMetrics(), ready: () => true })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
