// `weir controlplane`: serve the embedded API until SIGINT/SIGTERM.
import pino from 'pino';
import { startControlPlane } from '../controlplane/index.js';
import { WeirError } from '../lib/index.js';

/** Flags of `weir controlplane`. */
export interface ControlplaneFlags {
  readonly dataDir: string;
  readonly port: string;
  readonly address: string;
  readonly logLevel: string;
}

/** Starts the control plane and keeps it running until the process is told to stop. */
export async function controlplaneCommand(flags: ControlplaneFlags): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new WeirError('cli.flag.port', `--port ${flags.port} is not a port number`, { hint: 'use 0..65535; 0 picks a free port' });
  }
  const logger = pino({ level: flags.logLevel }, pino.destination(2));
  const plane = await startControlPlane({ dataDir: flags.dataDir, port, address: flags.address, logger });
  console.log(`control plane serving at ${plane.url}`);
  console.log(`kubeconfig: ${plane.kubeconfigPath}`);
  console.log(`try: kubectl --kubeconfig ${plane.kubeconfigPath} get namespaces`);
  await new Promise<void>((stop) => {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await plane.close();
}
