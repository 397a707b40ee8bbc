import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeKubernetesProtobuf,
  ProtobufDecodeError,
  supportedKinds,
  UnsupportedProtobufKindError,
} from './index.js';

// A few lines of protobuf *encoding*, for tests only: enough to hand-craft bodies
// that kubectl never sends (packed fields, unknown fields, split messages, bad bytes).
type Bytes = number[];
const varint = (value: number | bigint): Bytes => {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: Bytes = [];
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? low : low | 0x80);
  } while (v !== 0n);
  return out;
};
const int = (field: number, value: number | bigint): Bytes => [...varint(field << 3), ...varint(value)];
const len = (field: number, body: Bytes): Bytes => [...varint((field << 3) | 2), ...varint(body.length), ...body];
const str = (field: number, s: string): Bytes => len(field, [...Buffer.from(s)]);
const msg = (field: number, ...parts: Bytes[]): Bytes => len(field, parts.flat());
const entry = (field: number, key: string, value: Bytes): Bytes => msg(field, str(1, key), value);
const body = (apiVersion: string, kind: string, raw: Bytes, extra: Bytes = []): Uint8Array =>
  Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...msg(1, str(1, apiVersion), str(2, kind)), ...len(2, raw), ...extra]);

describe('decodeKubernetesProtobuf: the envelope', () => {
  it('rejects a body without the k8s\\0 prefix as malformed (400)', () => {
    const err = catchError(() => decodeKubernetesProtobuf(Uint8Array.from([0x7b, 0x7d])));
    expect(err).toBeInstanceOf(ProtobufDecodeError);
    expect(err).toMatchObject({ code: 'controlplane.protobuf.malformed', statusCode: 400 });
  });

  it('rejects a kind it has no descriptor for as unsupported (415), naming the kind', () => {
    const err = catchError(() => decodeKubernetesProtobuf(body('v1', 'Pod', [])));
    expect(err).toBeInstanceOf(UnsupportedProtobufKindError);
    expect(err).toMatchObject({ statusCode: 415, apiVersion: 'v1', kind: 'Pod' });
    expect((err as Error).message).toContain('v1, Kind=Pod');
  });

  it('treats a known kind under an unknown apiVersion as unsupported', () => {
    expect(() => decodeKubernetesProtobuf(body('apps/v1beta2', 'Deployment', []))).toThrow(UnsupportedProtobufKindError);
  });

  it('rejects an envelope without a kind', () => {
    const noKind = Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...len(2, [])]);
    expect(() => decodeKubernetesProtobuf(noKind)).toThrow(/carries no kind/);
  });

  it('rejects a compressed raw object, which Kubernetes never sends', () => {
    expect(() => decodeKubernetesProtobuf(body('v1', 'ConfigMap', [], str(3, 'gzip')))).toThrow(/contentEncoding 'gzip'/);
  });

  it('rejects a truncated body as malformed', () => {
    const full = body('v1', 'ConfigMap', msg(1, str(1, 'cm')));
    expect(() => decodeKubernetesProtobuf(full.subarray(0, full.length - 2))).toThrow(ProtobufDecodeError);
  });

  it('supports every kind kubectl 1.32 sends as protobuf', () => {
    expect(supportedKinds()).toContainEqual({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview' });
    expect(supportedKinds()).toHaveLength(20);
  });

  it('only ever throws its two typed errors on arbitrary bytes after the prefix', () => {
    fc.assert(
      fc.property(fc.constantFrom('ConfigMap', 'Deployment', 'Secret'), fc.uint8Array({ maxLength: 200 }), (kind, raw) => {
        const apiVersion = kind === 'Deployment' ? 'apps/v1' : 'v1';
        try {
          decodeKubernetesProtobuf(body(apiVersion, kind, [...raw]));
        } catch (err) {
          expect(err).toBeInstanceOf(ProtobufDecodeError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decodeKubernetesProtobuf: objects', () => {
  it('skips field numbers it does not know, of every wire type', () => {
    const raw = [...msg(1, str(1, 'cm'), int(99, 7)), ...int(50, 1), ...str(51, 'x'), 0xab, 0x03, 0xac, 0x03];
    expect(decodeKubernetesProtobuf(body('v1', 'ConfigMap', raw))).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      // An absent non-pointer struct prints as Go's zero value: Time's is null.
      metadata: { name: 'cm', creationTimestamp: null },
    });
  });

  it('writes []byte map values as base64 and keeps empty strings in string maps', () => {
    const raw = [...entry(2, 'pw', str(2, 's3cr3t')), ...entry(2, 'none', []), ...entry(4, 'plain', str(2, '')), ...str(3, 'Opaque')];
    expect(decodeKubernetesProtobuf(body('v1', 'Secret', raw))).toMatchObject({
      data: { pw: 'czNjcjN0', none: '' },
      stringData: { plain: '' },
      type: 'Opaque',
    });
  });

  it('keeps a map key named __proto__ as an ordinary key, as JSON.parse does', () => {
    const metadata = decodeKubernetesProtobuf(body('v1', 'ConfigMap', msg(1, entry(11, '__proto__', str(2, 'x')))))['metadata'];
    expect(metadata).toEqual(JSON.parse('{"labels":{"__proto__":"x"},"creationTimestamp":null}'));
    expect(Object.keys((metadata as { labels: object }).labels)).toEqual(['__proto__']);
  });

  it('keeps a zero in a pointer field and drops it in an omitempty one', () => {
    const container = msg(2, str(1, 'c'), msg(6, int(2, 0), int(3, 0)));
    const raw = msg(2, int(1, 0), msg(3, msg(2, container)), int(5, 0));
    const spec = decodeKubernetesProtobuf(body('apps/v1', 'Deployment', raw))['spec'] as Record<string, unknown>;
    expect(spec['replicas']).toBe(0);
    expect(spec).not.toHaveProperty('minReadySeconds');
    // containerPort has no omitempty, hostPort has: {containerPort: 0}.
    expect(spec['template']).toMatchObject({ spec: { containers: [{ name: 'c', ports: [{ containerPort: 0 }] }] } });
    // selector is a pointer without omitempty: absent prints null, as Go does.
    expect(spec['selector']).toBeNull();
  });

  it('reads packed and unpacked repeated integers alike', () => {
    const packed = msg(14, len(4, [...varint(3000), ...varint(4000)]));
    const unpacked = msg(14, int(4, 3000), int(4, 4000));
    const decode = (psc: Bytes): unknown =>
      (decodeKubernetesProtobuf(body('batch/v1', 'Job', msg(2, msg(6, msg(2, psc)))))['spec'] as { template: { spec: unknown } })
        .template.spec;
    expect(decode(packed)).toMatchObject({ securityContext: { supplementalGroups: [3000, 4000] } });
    expect(decode(unpacked)).toEqual(decode(packed));
  });

  it('sign-extends negative int32 values', () => {
    expect(decodeKubernetesProtobuf(body('scheduling.k8s.io/v1', 'PriorityClass', int(2, -5)))['value']).toBe(-5);
  });

  it('merges an embedded message that arrives in two pieces', () => {
    const raw = [...msg(1, str(1, 'cm')), ...msg(1, str(3, 'ns'))];
    expect(decodeKubernetesProtobuf(body('v1', 'ConfigMap', raw))['metadata']).toEqual({ name: 'cm', namespace: 'ns', creationTimestamp: null });
  });

  it('renders Time as RFC 3339 seconds, the zero time as null, and FieldsV1 as raw JSON', () => {
    const managed = msg(17, str(1, 'kubectl'), msg(4, int(1, 1700000000), int(2, 5)), str(6, 'FieldsV1'), msg(7, str(1, '{"f:data":{}}')));
    const meta = msg(1, str(1, 'cm'), msg(8), msg(9, int(1, 1700000000)), managed);
    expect(decodeKubernetesProtobuf(body('v1', 'ConfigMap', meta))['metadata']).toEqual({
      name: 'cm',
      creationTimestamp: null,
      deletionTimestamp: '2023-11-14T22:13:20Z',
      managedFields: [{ manager: 'kubectl', time: '2023-11-14T22:13:20Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } }],
    });
  });

  it('renders IntOrString as a number or a string, and Quantity as its string', () => {
    const raw = msg(2, msg(1, int(1, 0), int(2, 1)), msg(3, int(1, 1), str(3, '50%')));
    expect(decodeKubernetesProtobuf(body('policy/v1', 'PodDisruptionBudget', raw))['spec']).toEqual({
      minAvailable: 1,
      maxUnavailable: '50%',
    });
    const quota = msg(2, entry(1, 'cpu', msg(2, str(1, '500m'))), entry(1, 'pods', []));
    expect(decodeKubernetesProtobuf(body('v1', 'ResourceQuota', quota))['spec']).toEqual({ hard: { cpu: '500m', pods: '0' } });
  });

  it('flattens inline structs and prints absent required lists as null', () => {
    const rule = msg(3, msg(1, entry(1, 'team', str(2, 'a'))));
    expect(decodeKubernetesProtobuf(body('rbac.authorization.k8s.io/v1', 'ClusterRole', rule))).toMatchObject({
      rules: null,
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { team: 'a' } }] },
    });
    const volume = msg(1, str(1, 'v'), msg(2, msg(19, msg(1, str(1, 'settings')), int(3, 420))));
    const template = decodeKubernetesProtobuf(body('batch/v1', 'Job', msg(2, msg(6, msg(2, volume)))));
    expect(template).toMatchObject({ spec: { template: { spec: { volumes: [{ name: 'v', configMap: { name: 'settings', defaultMode: 420 } }] } } } });
  });

  it('rejects a known field that arrives with the wrong wire type, naming where', () => {
    expect(() => decodeKubernetesProtobuf(body('v1', 'ConfigMap', msg(1, int(1, 5))))).toThrow(/ConfigMap\.metadata\.name/);
  });

  it('rejects a timestamp beyond year 9999, which Go cannot print either', () => {
    const meta = msg(1, msg(9, int(1, 253402300800n)));
    expect(() => decodeKubernetesProtobuf(body('v1', 'ConfigMap', meta))).toThrow(/deletionTimestamp: timestamp .* out of range/);
  });

  it('rejects managedFields whose fieldsV1 is not JSON', () => {
    const meta = msg(1, msg(17, msg(7, str(1, '{nope'))));
    expect(() => decodeKubernetesProtobuf(body('v1', 'ConfigMap', meta))).toThrow(/not valid JSON/);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
