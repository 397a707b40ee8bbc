// `weir controllers`: the composition root of the controllers against any cluster, in order —
// client, metrics and health endpoints, event recorder, leader election, then each controller —
// and the reverse on SIGINT/SIGTERM (or exit 1 when leadership is lost, as controller-runtime does).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pino, { type Logger } from 'pino';
import { KubeClient } from '../kube/index.js';
import { WeirError, parseDuration } from '../lib/index.js';
import { EventRecorder, LeaderElector, RuntimeMetrics, startHealthServer, type HealthServer } from '../runtime/index.js';
import { startSourceController, type SourceController } from '../source/index.js';

/** Flags of `weir controllers` (Flux's controller flags where Flux has one). */
export interface ControllersFlags {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly controllers: string;
  readonly dataDir: string;
  readonly storageAddr: string;
  readonly storageAdvAddr?: string;
  readonly concurrent: string;
  readonly requeueDependency: string;
  readonly eventsAddr?: string;
  readonly metricsAddr: string;
  readonly healthAddr: string;
  readonly enableLeaderElection: boolean;
  readonly leaderElectionNamespace: string;
  readonly leaderElectionLeaseDuration: string;
  readonly leaderElectionRenewDeadline: string;
  readonly leaderElectionRetryPeriod: string;
  readonly watchLabelSelector?: string;
  readonly logLevel: string;
}

const KNOWN_CONTROLLERS = ['source'];
const LEASE_NAME = 'weir-controllers-leader-election';

/** `host:port` or `:port` (all interfaces, as Go's net.Listen reads it). */
export function parseAddress(flag: string, value: string): { host: string; port: number } {
  const match = /^(.*):(\d+)$/.exec(value);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535) throw new WeirError('cli.flag.address', `${flag} ${value} is not host:port`, { hint: 'e.g. 127.0.0.1:9090, or :9090 for every interface; port 0 picks a free one' });
  return { host: match[1] === '' ? '0.0.0.0' : match[1]!.replace(/^\[(.*)\]$/, '$1'), port };
}

function selectedControllers(flag: string): string[] {
  const names = flag.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !KNOWN_CONTROLLERS.includes(n));
  if (unknown.length) throw new WeirError('cli.flag.controllers', `unknown controller(s): ${unknown.join(', ')}`, { hint: `available: ${KNOWN_CONTROLLERS.join(', ')}` });
  return names;
}

async function startEndpoints(flags: ControllersFlags, metrics: RuntimeMetrics, ready: () => boolean): Promise<HealthServer[]> {
  const health = parseAddress('--health-addr', flags.healthAddr);
  const metricsAt = parseAddress('--metrics-addr', flags.metricsAddr);
  return [await startHealthServer({ address: health.host, port: health.port, metrics, ready }), await startHealthServer({ address: metricsAt.host, port: metricsAt.port, metrics, ready })];
}

/** Why the controllers stop: a signal, or leadership lost. */
type StopReason = 'signal' | 'lost';

function stopTrigger(): { stopped: Promise<StopReason>; stop: (why: StopReason) => void } {
  let stop: (why: StopReason) => void = () => undefined;
  const stopped = new Promise<StopReason>((resolve) => (stop = resolve));
  process.once('SIGINT', () => stop('signal'));
  process.once('SIGTERM', () => stop('signal'));
  return { stopped, stop };
}

function leaderElector(flags: ControllersFlags, client: KubeClient, logger: Logger): LeaderElector | undefined {
  if (!flags.enableLeaderElection) return undefined;
  return new LeaderElector({
    client, namespace: flags.leaderElectionNamespace, name: LEASE_NAME,
    identity: `${hostname()}_${randomBytes(4).toString('hex')}`, logger: logger.child({ component: 'leader-election' }),
    leaseDurationMs: parseDuration(flags.leaderElectionLeaseDuration), renewDeadlineMs: parseDuration(flags.leaderElectionRenewDeadline),
    retryPeriodMs: parseDuration(flags.leaderElectionRetryPeriod),
  });
}

/** Runs the selected controllers until stopped. */
export async function controllersCommand(flags: ControllersFlags): Promise<void> {
  const controllers = selectedControllers(flags.controllers);
  const storage = parseAddress('--storage-addr', flags.storageAddr);
  // Flux's JSON log keys: `level` as a word, `ts` in ISO 8601.
  const logger = pino({ level: flags.logLevel, base: undefined, timestamp: () => `,"ts":"${new Date().toISOString()}"`, formatters: { level: (label) => ({ level: label }) } });
  const client = KubeClient.load({ kubeconfig: flags.kubeconfig, context: flags.context });
  const metrics = new RuntimeMetrics();
  let running = false;
  const endpoints = await startEndpoints(flags, metrics, () => running);
  logger.info({ healthPort: endpoints[0]!.port, metricsPort: endpoints[1]!.port }, 'serving /healthz, /readyz and /metrics');
  const { stopped, stop } = stopTrigger();
  const elector = leaderElector(flags, client, logger);
  let leading = true;
  if (elector) {
    logger.info({ lease: `${flags.leaderElectionNamespace}/${LEASE_NAME}` }, 'attempting to acquire leader lease');
    const won = elector.run(() => logger.info('successfully acquired lease'), () => stop('lost')).then(() => elector.isLeader);
    leading = await Promise.race([won, stopped.then(() => false)]);
  }
  const started: SourceController[] = [];
  if (leading) {
    if (controllers.includes('source')) {
      started.push(await startSourceController({
        client, logger, metrics, dataDir: flags.dataDir,
        events: new EventRecorder({ client, controller: 'source-controller', eventsAddr: flags.eventsAddr, logger }),
        storageHost: storage.host, storagePort: storage.port, advertisedAddress: flags.storageAdvAddr,
        concurrent: Number(flags.concurrent), dependencyRequeueMs: parseDuration(flags.requeueDependency), labelSelector: flags.watchLabelSelector,
      }));
    }
    running = true;
    logger.info({ controllers }, 'controllers running');
  }
  const why = await stopped;
  running = false;
  for (const controller of started.reverse()) await controller.stop();
  await elector?.release();
  for (const endpoint of endpoints) await endpoint.close();
  client.close();
  if (why === 'lost') {
    logger.error('leader election lost');
    process.exitCode = 1;
  }
}
