// The `weir` command. Handlers return data or run a long-lived process; only this folder prints.
// Handlers are imported when their command runs: `weir kustomize build` must not pay for loading
// the control plane (TLS, SQLite) at every start.
import { Command, Option } from 'commander';
import { WEIR_VERSION } from './version.js';

const program = new Command()
  .name('weir')
  .description('GitOps continuous delivery for Kubernetes that speaks Flux\'s API')
  .version(WEIR_VERSION, '--version', 'print the version of weir')
  .showHelpAfterError();

program
  .command('controlplane')
  .description('serve the embedded Kubernetes-compatible API on SQLite until stopped')
  .requiredOption('--data-dir <dir>', 'directory for the database, certificates, token and kubeconfig')
  .option('--port <port>', 'port to listen on (0 picks a free one)', '6443')
  .option('--address <address>', 'address to listen on', '127.0.0.1')
  .addOption(new Option('--log-level <level>', 'log level').choices(['debug', 'info', 'warn', 'error']).default('info'))
  .action(async (flags) => (await import('./controlplane-command.js')).controlplaneCommand(flags));

program
  .command('kustomize')
  .description('kustomize, built into weir')
  .command('build')
  .description('build a kustomization directory and print the resources, as `kustomize build` does')
  .argument('[dir]', 'the kustomization directory', '.')
  .addOption(new Option('--load-restrictor <restrictor>', 'where files may be loaded from').choices(['LoadRestrictionsRootOnly', 'LoadRestrictionsNone']).default('LoadRestrictionsRootOnly'))
  .action(async (dir, flags) => (await import('./kustomize-command.js')).kustomizeBuildCommand(dir, flags));

program
  .command('install')
  .description('install the Flux CRDs (and the namespace) Weir reconciles; --export prints them instead')
  .option('--export', 'print the manifests as a YAML stream instead of applying them')
  .option('-n, --namespace <namespace>', 'the namespace to install into', 'flux-system')
  .option('--kubeconfig <file>', 'path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
  .option('--context <name>', 'kubeconfig context to use')
  .option('--timeout <duration>', 'how long to wait for the CRDs to be established', '5m0s')
  .action(async (flags) => (await import('./install-command.js')).installCommand(flags, (line) => console.log(line)));

program
  .command('controllers')
  .description('run the Flux controllers against a cluster (the embedded control plane or any kube-apiserver) until stopped')
  .option('--kubeconfig <file>', 'path to the kubeconfig file (default: $KUBECONFIG, ~/.kube/config or in-cluster)')
  .option('--context <name>', 'kubeconfig context to use')
  .option('--controllers <list>', 'controllers to run, comma-separated', 'source')
  .option('--data-dir <dir>', 'directory for artifacts, the git cache and work files', '.weir/controllers')
  .option('--storage-addr <host:port>', 'where the artifact server listens', '127.0.0.1:9090')
  .option('--storage-adv-addr <address>', 'the address written into artifact URLs (default: the artifact server\'s)')
  .option('--concurrent <n>', 'number of concurrent reconciles per controller', '2')
  .option('--requeue-dependency <duration>', 'how soon to look again when a dependency is not ready', '30s')
  .option('--events-addr <url>', 'notification-controller address events are posted to')
  .option('--metrics-addr <host:port>', 'where /metrics is served', '127.0.0.1:8080')
  .option('--health-addr <host:port>', 'where /healthz and /readyz are served', '127.0.0.1:9440')
  .option('--no-enable-leader-election', 'do not elect a leader (only one replica may then run)')
  .option('--leader-election-namespace <namespace>', 'namespace of the leader election Lease', 'flux-system')
  .option('--leader-election-lease-duration <duration>', 'how long a Lease is valid without renewal', '35s')
  .option('--leader-election-renew-deadline <duration>', 'how long the leader keeps trying to renew', '30s')
  .option('--leader-election-retry-period <duration>', 'how often to try to acquire or renew', '5s')
  .option('--watch-label-selector <selector>', 'reconcile only objects matching this label selector (sharding)')
  .addOption(new Option('--log-level <level>', 'log level').choices(['debug', 'info', 'warn', 'error']).default('info'))
  .action(async (flags) => (await import('./controllers-command.js')).controllersCommand(flags));

program
  .command('version')
  .description('print the version of weir')
  .action(() => console.log(`weir ${WEIR_VERSION}`));

program.parseAsync(process.argv).catch((err: unknown) => {
  const hint = (err as { hint?: string }).hint;
  process.stderr.write(`✗ ${err instanceof Error ? err.message : String(err)}\n${hint ? `  hint: ${hint}\n` : ''}`);
  process.exitCode = 1;
});
