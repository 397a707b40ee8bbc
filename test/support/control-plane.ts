// Starts an in-process control plane in a fresh temporary data directory for a test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll } from 'vitest';
import { KubeClient } from '../../src/kube/index.js';
import { startControlPlane, type ControlPlane, type ControlPlaneOptions } from '../../src/controlplane/index.js';

/** A control plane plus its data directory and a client config pointing at it. */
export interface TestControlPlane extends ControlPlane {
  readonly dataDir: string;
  readonly kubeConfig: KubeConfig;
  /** Stops the control plane and removes its data directory. */
  dispose(): Promise<void>;
}

/** Starts a control plane on a free loopback port. */
export async function startTestControlPlane(options: Partial<ControlPlaneOptions> = {}): Promise<TestControlPlane> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'weir-cp-'));
  const plane = await startControlPlane({ ...options, dataDir, port: 0, watchIdleMs: options.watchIdleMs ?? 1000 });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(plane.kubeconfigPath);
  return Object.assign(Object.create(null) as object, plane, {
    dataDir,
    kubeConfig,
    close: () => plane.close(),
    async dispose() {
      await plane.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  }) as TestControlPlane;
}

/** For a test file: a control plane started before its tests with a KubeClient on it, both closed after them. */
export function useControlPlaneClient(): { readonly plane: TestControlPlane; readonly client: KubeClient } {
  const ctx = {} as { plane: TestControlPlane; client: KubeClient };
  beforeAll(async () => {
    ctx.plane = await startTestControlPlane();
    ctx.client = KubeClient.load({ kubeconfig: ctx.plane.kubeconfigPath });
  });
  afterAll(async () => {
    ctx.client?.close();
    await ctx.plane?.dispose();
  });
  return ctx;
}
