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
  .command('version')
  .description('print the version of weir')
  .action(() => console.log(`weir ${WEIR_VERSION}`));

program.parseAsync(process.argv).catch((err: unknown) => {
  const hint = (err as { hint?: string }).hint;
  process.stderr.write(`✗ ${err instanceof Error ? err.message : String(err)}\n${hint ? `  hint: ${hint}\n` : ''}`);
  process.exitCode = 1;
});
