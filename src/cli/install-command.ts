// `weir install [--export]`: the flux-system namespace and the CRDs of the Flux kinds Weir
// reconciles — printed as a YAML stream (`--export`, like `flux install --export`) or applied
// with server-side apply and waited on until every CRD is Established.
import { stringify } from 'yaml';
import { fluxCrds } from '../api/index.js';
import { KubeClient, type KubeObject } from '../kube/index.js';
import { WeirError, formatDuration, parseDuration } from '../lib/index.js';

/** Flags of `weir install`. */
export interface InstallFlags {
  readonly export?: boolean;
  readonly namespace: string;
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly timeout: string;
}

/** The objects `weir install` creates, in apply order. */
export function installManifests(namespace: string): KubeObject[] {
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { 'app.kubernetes.io/instance': namespace, 'app.kubernetes.io/part-of': 'flux' } } };
  return [ns, ...(fluxCrds() as unknown as KubeObject[])];
}

/** The manifests as one YAML stream, each document opened with `---` as flux prints them. */
export function exportManifests(namespace: string): string {
  return installManifests(namespace).map((obj) => `---\n${stringify(obj, { lineWidth: 0 })}`).join('');
}

const crdEstablished = (crd: KubeObject | undefined) =>
  ((crd?.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True');

/** Prints or applies the manifests. */
export async function installCommand(flags: InstallFlags, out: (line: string) => void): Promise<void> {
  if (flags.export) {
    process.stdout.write(exportManifests(flags.namespace));
    return;
  }
  const client = KubeClient.load({ kubeconfig: flags.kubeconfig, context: flags.context });
  try {
    out(`► installing components in ${flags.namespace} namespace`);
    const objects = installManifests(flags.namespace);
    for (const obj of objects) {
      await client.apply(obj, { fieldManager: 'weir', force: true });
      out(`${obj.kind}/${obj.metadata.name} applied`);
    }
    out('◎ verifying installation');
    const timeoutMs = parseDuration(flags.timeout);
    const deadline = Date.now() + timeoutMs;
    for (const crd of objects.filter((o) => o.kind === 'CustomResourceDefinition')) {
      const ref = { apiVersion: crd.apiVersion, kind: crd.kind, name: crd.metadata.name };
      while (!crdEstablished(await client.get(ref))) {
        if (Date.now() > deadline) throw new WeirError('cli.install.timeout', `CustomResourceDefinition/${crd.metadata.name} not established after ${formatDuration(timeoutMs)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    out('✔ install finished');
  } finally {
    client.close();
  }
}
