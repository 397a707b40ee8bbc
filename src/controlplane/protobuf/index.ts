// controlplane/protobuf: decodes the protobuf request bodies that kubectl ≥ 1.32
// sends from its typed-client commands (`kubectl create <generator>`,
// `kubectl auth can-i`) into the plain objects the API server handles as JSON.
// It owns the wire reader, the envelope, and the descriptor tables (field
// numbers from the Kubernetes generated.proto files; JSON shape from types.go).
// It must never encode (replies stay JSON), touch storage or HTTP, or import
// another controlplane folder: it is a pure bytes-to-object function.
export { decodeKubernetesProtobuf, KUBERNETES_PROTOBUF_MEDIA_TYPE } from './decode.js';
export { ProtobufDecodeError, UnsupportedProtobufKindError } from './errors.js';
export { supportedKinds } from './registry.js';
