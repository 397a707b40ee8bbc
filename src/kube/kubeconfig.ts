// Finds the kubeconfig the way kubectl does: an explicit file, else $KUBECONFIG (a path list),
// else ~/.kube/config, else the in-cluster service account. Then selects the context.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { WeirError, errorMessage } from '../lib/index.js';

/** Where to find the cluster. */
export interface KubeConfigOptions {
  /** A kubeconfig file; default $KUBECONFIG, ~/.kube/config, then in-cluster. */
  kubeconfig?: string;
  /** A context of the kubeconfig instead of its current-context. */
  context?: string;
}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** Loads a KubeConfig; throws WeirError `kube.config` when none is found or it is unusable. */
export function loadKubeConfig(options: KubeConfigOptions = {}): KubeConfig {
  const config = new KubeConfig();
  const source = readInto(config, options.kubeconfig);
  if (options.context) {
    if (!config.getContextObject(options.context)) {
      throw new WeirError('kube.config', `kubeconfig ${source}: context "${options.context}" not found`, {
        hint: `choose one of: ${config.getContexts().map((c) => c.name).join(', ') || '(none)'}`,
      });
    }
    config.setCurrentContext(options.context);
  }
  if (!config.getCurrentCluster()) {
    throw new WeirError('kube.config', `kubeconfig ${source}: the current context names no cluster`, { hint: 'set current-context or pass --context' });
  }
  return config;
}

function readInto(config: KubeConfig, file: string | undefined): string {
  try {
    if (file) {
      config.loadFromFile(file);
      return file;
    }
    if (process.env.KUBECONFIG) {
      // loadFromDefault merges the files of a KUBECONFIG path list as kubectl does.
      config.loadFromDefault();
      return `$KUBECONFIG (${process.env.KUBECONFIG})`;
    }
    const home = join(homedir(), '.kube', 'config');
    if (existsSync(home)) {
      config.loadFromFile(home);
      return home;
    }
    if (process.env.KUBERNETES_SERVICE_HOST && existsSync(SERVICE_ACCOUNT_TOKEN)) {
      config.loadFromCluster();
      return 'in-cluster';
    }
  } catch (err) {
    throw new WeirError('kube.config', `kubeconfig ${file ?? '(default)'}: ${errorMessage(err)}`, { cause: err });
  }
  throw new WeirError('kube.config', 'no kubeconfig found', {
    hint: 'pass --kubeconfig, set $KUBECONFIG, create ~/.kube/config, or run inside a cluster',
  });
}
