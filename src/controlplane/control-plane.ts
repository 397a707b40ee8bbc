// The composition root of the embedded control plane: storage, registry, object semantics,
// lifecycle controllers, watches and the HTTPS API, started in this order and stopped in reverse.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import { CUSTOM_RESOURCE_SCHEMA } from './custom-resource-schema.js';
import { SSA_FIELD_OWNERSHIP } from './field-ownership.js';
import { CrdController, GarbageCollector, KIND_HOOKS, NamespaceController } from './lifecycle/index.js';
import { ObjectStore } from './objects/index.js';
import { ResourceRegistry } from './registry/index.js';
import { createApiServer, loadOrCreateIdentity, writeKubeconfig } from './server/index.js';
import { MemoryBackend, SqliteBackend, type StorageBackend } from './storage/index.js';
import { WatchHub } from './watch/index.js';

/** How to start a control plane. */
export interface ControlPlaneOptions {
  /** Holds the database, the CA, the serving certificate, the token and the kubeconfig. */
  readonly dataDir: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly address?: string;
  readonly logger?: Logger;
  /** `memory` keeps nothing on disk but the identity and kubeconfig (tests, benchmarks). */
  readonly storage?: 'sqlite' | 'memory';
  /** How often an idle watch gets a bookmark or a keep-alive newline. */
  readonly watchIdleMs?: number;
}

/** A running control plane. */
export interface ControlPlane {
  /** `https://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  readonly kubeconfigPath: string;
  readonly token: string;
  readonly caCert: string;
  readonly store: ObjectStore;
  readonly registry: ResourceRegistry;
  close(): Promise<void>;
}

/** Namespaces every cluster starts with. */
const INITIAL_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Starts the control plane and resolves once it accepts requests. */
export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const dataDir = resolve(options.dataDir);
  const address = options.address ?? '127.0.0.1';
  const logger = options.logger ?? pino({ level: 'silent' });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  // 1. Identity: CA, serving certificate and admin token, created on first start.
  const identity = await loadOrCreateIdentity(dataDir, address);
  // 2. Storage: every acknowledged write is in SQLite (WAL) before it is answered.
  const backend: StorageBackend = options.storage === 'memory' ? new MemoryBackend() : new SqliteBackend(join(dataDir, 'state.db'));
  // 3. What is served, and the object semantics over storage: the kinds the server completes
  //    itself (CRDs, namespaces, secrets) and custom resources checked against their CRD's schema.
  const registry = new ResourceRegistry();
  const store = new ObjectStore(backend, SSA_FIELD_OWNERSHIP, { ...KIND_HOOKS, ...CUSTOM_RESOURCE_SCHEMA });
  // 4. Lifecycle controllers: CRDs first, so that custom resources are served before anything scans them.
  const onError = (key: string, err: unknown) => logger.error({ err, key }, 'lifecycle controller failed');
  const crds = new CrdController(store, registry, registry.resolve('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!, onError);
  const namespaces = new NamespaceController(store, registry, registry.resolve('', 'v1', 'namespaces')!, onError);
  const collector = new GarbageCollector(store, registry, onError);
  const unsubscribe = backend.subscribe((change) => {
    crds.observe(change);
    namespaces.observe(change.key, change.value);
    collector.observe(change);
  });
  crds.resume();
  ensureNamespaces(store, registry);
  namespaces.resume();
  collector.resume();
  // 5. Watches fan out from the same change feed.
  const watches = new WatchHub(store);
  // 6. The HTTPS API.
  const server = createApiServer({ identity, registry, logger, handlers: { store, watches, watchIdleMs: options.watchIdleMs ?? 15_000 } });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, address, () => ready());
  });
  const port = (server.address() as AddressInfo).port;
  const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // 7. The kubeconfig for kubectl and client libraries.
  const kubeconfigPath = join(dataDir, 'kubeconfig');
  writeKubeconfig(kubeconfigPath, { server: url, caCert: identity.caCert, token: identity.token });
  logger.info({ url, kubeconfig: kubeconfigPath, revision: backend.revision }, 'control plane serving');

  return {
    url,
    port,
    kubeconfigPath,
    token: identity.token,
    caCert: identity.caCert,
    store,
    registry,
    async close() {
      watches.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      unsubscribe();
      crds.stop();
      namespaces.stop();
      collector.stop();
      backend.close();
    },
  };
}

function ensureNamespaces(store: ObjectStore, registry: ResourceRegistry): void {
  const type = registry.resolve('', 'v1', 'namespaces')!;
  for (const name of INITIAL_NAMESPACES) {
    if (!store.find(type, '', name)) store.create(type, '', { metadata: { name } }, { fieldManager: 'weir-controlplane' });
  }
}
