// What the GitRepository controller watches and when it reconciles (source-controller
// SetupWithManager): every GitRepository (optionally only those matching a label selector, for
// sharding), on creation, on a new generation, on a new `reconcile.fluxcd.io/requestedAt`, and
// on deletion; plus the repositories that include one whose artifact changed.
import type { Logger } from 'pino';
import { requestedAt, type GitRepository } from '../../api/index.js';
import { Informer, objectKey, type KubeObject } from '../../kube/index.js';
import { runController, splitKey, WorkQueue, type RuntimeMetrics } from '../../runtime/index.js';
import type { GitRepositoryServices } from './context.js';
import { reconcileGitRepository } from './reconcile.js';

/** Options of the GitRepository controller. */
export interface GitRepositoryControllerOptions {
  services: GitRepositoryServices;
  logger: Logger;
  metrics: RuntimeMetrics;
  /** Flux's --concurrent (source-controller default 2). */
  concurrent: number;
  /** Flux's --watch-label-selector (sharding). */
  labelSelector?: string;
}

/** A running GitRepository controller. */
export interface GitRepositoryController {
  /** Stops watching and waits for reconciles in flight. */
  stop(): Promise<void>;
}

const keyOf = (obj: KubeObject) => objectKey(obj.metadata.namespace, obj.metadata.name);

/** Flux's predicates: a new generation, a new requestedAt token, or deletion starting. */
export function needsReconcile(obj: KubeObject, old: KubeObject): boolean {
  return obj.metadata.generation !== old.metadata.generation
    || requestedAt(obj.metadata) !== requestedAt(old.metadata)
    || (obj.metadata.deletionTimestamp !== undefined && old.metadata.deletionTimestamp === undefined);
}

/** The repositories in `all` that include `name` from the same namespace. */
function includers(all: readonly KubeObject[], namespace: string | undefined, name: string): KubeObject[] {
  return all.filter((o) => o.metadata.namespace === namespace && ((o as unknown as GitRepository).spec?.include ?? []).some((i) => i.repository?.name === name));
}

/** Starts the informer and the workers; resolves once the first list is cached. */
export async function startGitRepositoryController(options: GitRepositoryControllerOptions): Promise<GitRepositoryController> {
  const { services, logger } = options;
  // Flux's --min-retry-delay / --max-retry-delay (750ms, 15m) between failed attempts.
  const queue = new WorkQueue({ name: 'gitrepository', metrics: options.metrics, baseDelayMs: 750, maxDelayMs: 15 * 60_000 });
  const informer = new Informer(services.client, { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', labelSelector: options.labelSelector }, { logger });
  informer.onAdd((obj) => queue.add(keyOf(obj)));
  informer.onUpdate((obj, old) => {
    if (needsReconcile(obj, old)) queue.add(keyOf(obj));
    const revision = (o: KubeObject) => (o as unknown as GitRepository).status?.artifact?.revision;
    if (revision(obj) !== revision(old)) for (const dep of includers(informer.list(), obj.metadata.namespace, obj.metadata.name)) queue.add(keyOf(dep));
  });
  informer.onDelete((obj) => options.metrics.deleteObject('GitRepository', obj.metadata.namespace ?? '', obj.metadata.name));
  await informer.start();
  const controller = runController({
    name: 'gitrepository', kind: 'GitRepository', queue, concurrent: options.concurrent, logger, metrics: options.metrics,
    reconcile: (key, log) => {
      const { namespace, name } = splitKey(key);
      return reconcileGitRepository(services, namespace, name, log);
    },
  });
  return {
    async stop() {
      informer.stop();
      await controller.stop();
    },
  };
}
