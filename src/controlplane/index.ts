// controlplane: the embedded Kubernetes-compatible API server — HTTPS, discovery, OpenAPI, the
// REST verbs with Kubernetes semantics, watches, CRDs, garbage collection — on SQLite. It never
// imports the controllers: they meet it over HTTP, like any kubectl.
export { startControlPlane, type ControlPlane, type ControlPlaneOptions } from './control-plane.js';
export { renderKubeconfig } from './server/index.js';
