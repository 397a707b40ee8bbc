// The source controller as one unit: the artifact store on disk, the HTTP server that serves it,
// the git cache, and the GitRepository controller — started in that order, stopped in reverse.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { KubeClient } from '../kube/index.js';
import { StatusPatcher, type EventRecorder, type RuntimeMetrics } from '../runtime/index.js';
import { startArtifactServer } from './artifact/server.js';
import { ArtifactStorage } from './artifact/storage.js';
import { startGitRepositoryController } from './gitrepository/controller.js';

/** Options of the source controller (Flux's flags in comments). */
export interface SourceControllerOptions {
  client: KubeClient;
  logger: Logger;
  metrics: RuntimeMetrics;
  events: EventRecorder;
  /** Holds `artifacts/` (--storage-path), `git-cache/` and `work/`. */
  dataDir: string;
  /** --storage-addr: where the artifact server listens (host and port; port 0 picks one). */
  storageHost?: string;
  storagePort?: number;
  /** --storage-adv-addr: the address written into artifact URLs (default: the server's own). */
  advertisedAddress?: string;
  /** --concurrent (default 2). */
  concurrent?: number;
  /** --requeue-dependency (default 30s). */
  dependencyRequeueMs?: number;
  /** --watch-label-selector. */
  labelSelector?: string;
  /** --artifact-retention-ttl / --artifact-retention-records. */
  retentionTtlMs?: number;
  retentionRecords?: number;
}

/** A running source controller. */
export interface SourceController {
  /** Base URL of the artifact server. */
  readonly artifactUrl: string;
  stop(): Promise<void>;
}

/** Starts the artifact server and the GitRepository controller. */
export async function startSourceController(options: SourceControllerOptions): Promise<SourceController> {
  const dirs = { artifacts: join(options.dataDir, 'artifacts'), cache: join(options.dataDir, 'git-cache'), work: join(options.dataDir, 'work') };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true, mode: 0o700 });
  const server = await startArtifactServer({ root: dirs.artifacts, host: options.storageHost ?? '127.0.0.1', port: options.storagePort ?? 0 });
  const storage = new ArtifactStorage({
    root: dirs.artifacts, advertisedAddress: options.advertisedAddress ?? server.url,
    retentionTtlMs: options.retentionTtlMs, retentionRecords: options.retentionRecords,
  });
  const services = {
    client: options.client, storage, events: options.events,
    patcher: new StatusPatcher(options.client, { fieldManager: 'source-controller' }),
    cacheRoot: dirs.cache, workRoot: dirs.work, dependencyRequeueMs: options.dependencyRequeueMs ?? 30_000, now: () => new Date(),
  };
  const gitRepositories = await startGitRepositoryController({
    services, logger: options.logger.child({ controllerGroup: 'source.toolkit.fluxcd.io' }),
    metrics: options.metrics, concurrent: options.concurrent ?? 2, labelSelector: options.labelSelector,
  });
  options.logger.info({ url: server.url }, 'artifact server listening');
  return {
    artifactUrl: server.url,
    async stop() {
      await gitRepositories.stop();
      await server.close();
    },
  };
}
