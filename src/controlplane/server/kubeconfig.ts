// The kubeconfig the control plane writes for kubectl and client libraries (context `weir`).
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

/** What a kubeconfig for the control plane needs. */
export interface KubeconfigParams {
  readonly server: string;
  readonly caCert: string;
  readonly token: string;
}

/** Renders a kubeconfig with one cluster, user and context, all named `weir`. */
export function renderKubeconfig(params: KubeconfigParams): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'weir', cluster: { server: params.server, 'certificate-authority-data': Buffer.from(params.caCert).toString('base64') } }],
    users: [{ name: 'weir-admin', user: { token: params.token } }],
    contexts: [{ name: 'weir', context: { cluster: 'weir', user: 'weir-admin', namespace: 'default' } }],
    'current-context': 'weir',
    preferences: {},
  });
}

/** Writes the kubeconfig readable by its owner only (it holds the admin token). */
export function writeKubeconfig(path: string, params: KubeconfigParams): void {
  writeFileSync(path, renderKubeconfig(params), { mode: 0o600 });
}
