// server: the HTTPS face of the control plane — identity (CA, serving certificate, token),
// authentication, routing, discovery, OpenAPI, and the REST verbs over the object store.
export { createApiServer, KUBERNETES_VERSION, type ApiServerOptions } from './api-server.js';
export { renderKubeconfig, writeKubeconfig, type KubeconfigParams } from './kubeconfig.js';
export type { HandlerContext } from './resource-handlers.js';
export { loadOrCreateIdentity, type ServingIdentity } from './tls.js';
