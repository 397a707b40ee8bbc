import { decodeMessage } from './decode-message.js';
import { ProtobufDecodeError, UnsupportedProtobufKindError } from './errors.js';
import { lookupMessage, messageForKind } from './registry.js';
import { readFields, WIRE_LEN } from './wire-reader.js';

// The Kubernetes protobuf envelope: the 4 bytes "k8s\0", then a runtime.Unknown
// {1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType}
// whose raw bytes are the object's own message (TypeMeta is not in it).
// https://kubernetes.io/docs/reference/using-api/api-concepts/#protobuf-encoding

/** Media type of Kubernetes protobuf bodies, as kubectl sends it in Content-Type. */
export const KUBERNETES_PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

const MAGIC = [0x6b, 0x38, 0x73, 0x00] as const;
const utf8 = new TextDecoder('utf-8');

interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
}

/** Decodes a Kubernetes protobuf request body into the object the same request would carry as JSON. */
export function decodeKubernetesProtobuf(body: Uint8Array): Record<string, unknown> {
  const envelope = readEnvelope(body);
  const message = messageForKind(envelope.apiVersion, envelope.kind);
  if (message === undefined) throw new UnsupportedProtobufKindError(envelope.apiVersion, envelope.kind);
  // Kubernetes never compresses raw; anything else here is a client we do not understand.
  if (envelope.contentEncoding !== '') {
    throw new ProtobufDecodeError(`${envelope.kind}: contentEncoding '${envelope.contentEncoding}' is not supported`);
  }
  const object = decodeMessage(message, envelope.raw, { lookup: lookupMessage, path: envelope.kind, depth: 0 });
  return { apiVersion: envelope.apiVersion, kind: envelope.kind, ...object };
}

function readEnvelope(body: Uint8Array): Envelope {
  if (body.length < MAGIC.length || MAGIC.some((b, i) => body[i] !== b)) {
    throw new ProtobufDecodeError('body does not start with the Kubernetes protobuf prefix "k8s\\0"');
  }
  const envelope: Envelope = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '' };
  let sawTypeMeta = false;
  for (const f of readFields(body.subarray(MAGIC.length))) {
    if (f.wireType !== WIRE_LEN) continue;
    if (f.number === 1) {
      sawTypeMeta = true;
      for (const t of readFields(f.value)) {
        if (t.wireType !== WIRE_LEN) continue;
        if (t.number === 1) envelope.apiVersion = utf8.decode(t.value);
        else if (t.number === 2) envelope.kind = utf8.decode(t.value);
      }
    } else if (f.number === 2) envelope.raw = f.value;
    else if (f.number === 3) envelope.contentEncoding = utf8.decode(f.value);
  }
  if (!sawTypeMeta || envelope.kind === '') throw new ProtobufDecodeError('protobuf envelope carries no kind');
  return envelope;
}
