// Server-side printing of built-in kinds: the columns `kubectl get` shows, computed as the
// API server's printers compute them (pkg/printers/internalversion), for the common kinds.
import { ageOf } from './human-duration.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- printers read loosely typed JSON

/** A column and how to compute its cell. */
export interface BuiltinColumn {
  readonly name: string;
  readonly type: string;
  readonly format?: string;
  readonly priority?: number;
  readonly description: string;
  readonly cell: (object: Obj, now: number) => unknown;
}

const col = (name: string, cell: BuiltinColumn['cell'], extra: Partial<BuiltinColumn> = {}): BuiltinColumn => ({ name, type: 'string', description: name, cell, ...extra });
const NAME = col('Name', (o) => o.metadata?.name ?? '', { format: 'name', description: 'Name must be unique within a namespace.' });
const AGE = col('Age', (o, now) => ageOf(o.metadata?.creationTimestamp, now), { description: 'CreationTimestamp is a timestamp representing the server time when this object was created.' });
const wide = (c: BuiltinColumn): BuiltinColumn => ({ ...c, priority: 1 });
const none = (value: string | undefined) => (value === undefined || value === '' ? '<none>' : value);

function podTemplate(o: Obj): Obj {
  return o.spec?.template?.spec ?? o.spec?.jobTemplate?.spec?.template?.spec ?? {};
}
const containers = wide(col('Containers', (o) => (podTemplate(o).containers ?? []).map((c: Obj) => c.name).join(',')));
const images = wide(col('Images', (o) => (podTemplate(o).containers ?? []).map((c: Obj) => c.image).join(',')));
function formatSelector(selector: Obj | undefined): string {
  if (!selector) return '<none>';
  const labels = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  const exprs = (selector.matchExpressions ?? []).map((e: Obj) => (e.operator === 'Exists' ? e.key : e.operator === 'DoesNotExist' ? `!${e.key}` : `${e.key} ${String(e.operator).toLowerCase()} (${(e.values ?? []).join(',')})`));
  return none([...labels, ...exprs].join(','));
}
const selector = wide(col('Selector', (o) => formatSelector(o.spec?.selector)));

function servicePorts(o: Obj): string {
  const ports = (o.spec?.ports ?? []) as Obj[];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function externalIp(o: Obj): string {
  const type = o.spec?.type ?? 'ClusterIP';
  if (type === 'ExternalName') return o.spec?.externalName ?? '<none>';
  const ingress = ((o.status?.loadBalancer?.ingress ?? []) as Obj[]).map((i) => i.ip ?? i.hostname);
  const ips = [...ingress, ...(o.spec?.externalIPs ?? [])];
  if (ips.length > 0) return ips.join(',');
  return type === 'LoadBalancer' ? '<pending>' : '<none>';
}

function podReady(o: Obj): string {
  const statuses = (o.status?.containerStatuses ?? []) as Obj[];
  const total = (o.spec?.containers ?? []).length;
  return `${statuses.filter((s) => s.ready).length}/${total}`;
}

function podStatus(o: Obj): string {
  if (o.metadata?.deletionTimestamp) return 'Terminating';
  const waiting = ((o.status?.containerStatuses ?? []) as Obj[]).find((s) => s.state?.waiting?.reason)?.state.waiting.reason;
  return waiting ?? o.status?.reason ?? o.status?.phase ?? 'Pending';
}

function eventObject(o: Obj): string {
  const ref = o.involvedObject ?? o.regarding ?? {};
  return `${String(ref.kind ?? '').toLowerCase()}/${ref.name ?? ''}`;
}

function eventLastSeen(o: Obj, now: number): string {
  const time = o.lastTimestamp ?? o.series?.lastObservedTime ?? o.eventTime ?? o.firstTimestamp ?? o.metadata?.creationTimestamp;
  return ageOf(time, now);
}

/** Columns of the built-in kinds that have printers; others get Name and Age. */
export const BUILTIN_COLUMNS: Readonly<Record<string, readonly BuiltinColumn[]>> = {
  Namespace: [NAME, col('Status', (o) => o.status?.phase ?? ''), AGE],
  ConfigMap: [NAME, col('Data', (o) => Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, { type: 'string' }), AGE],
  Secret: [NAME, col('Type', (o) => o.type ?? 'Opaque'), col('Data', (o) => Object.keys(o.data ?? {}).length + Object.keys(o.stringData ?? {}).length), AGE],
  ServiceAccount: [NAME, col('Secrets', (o) => (o.secrets ?? []).length, { type: 'string' }), AGE],
  Service: [
    NAME, col('Type', (o) => o.spec?.type ?? 'ClusterIP'), col('Cluster-IP', (o) => o.spec?.clusterIP ?? '<none>'),
    col('External-IP', externalIp), col('Port(s)', servicePorts), AGE, wide(col('Selector', (o) => none(Object.entries(o.spec?.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',')))),
  ],
  Pod: [
    NAME, col('Ready', podReady), col('Status', podStatus),
    col('Restarts', (o) => ((o.status?.containerStatuses ?? []) as Obj[]).reduce((n, s) => n + (s.restartCount ?? 0), 0), { type: 'string' }), AGE,
    wide(col('IP', (o) => o.status?.podIP ?? '<none>')), wide(col('Node', (o) => o.spec?.nodeName ?? '<none>')),
    wide(col('Nominated Node', (o) => o.status?.nominatedNodeName ?? '<none>')), wide(col('Readiness Gates', (o) => ((o.spec?.readinessGates ?? []) as Obj[]).length ? String(o.spec.readinessGates.length) : '<none>')),
  ],
  Deployment: [
    NAME, col('Ready', (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`),
    col('Up-to-date', (o) => o.status?.updatedReplicas ?? 0, { type: 'integer' }), col('Available', (o) => o.status?.availableReplicas ?? 0, { type: 'integer' }),
    AGE, containers, images, selector,
  ],
  StatefulSet: [NAME, col('Ready', (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`), AGE, containers, images],
  ReplicaSet: [
    NAME, col('Desired', (o) => o.spec?.replicas ?? 1, { type: 'integer' }), col('Current', (o) => o.status?.replicas ?? 0, { type: 'integer' }),
    col('Ready', (o) => o.status?.readyReplicas ?? 0, { type: 'integer' }), AGE, containers, images, selector,
  ],
  DaemonSet: [
    NAME, col('Desired', (o) => o.status?.desiredNumberScheduled ?? 0, { type: 'integer' }), col('Current', (o) => o.status?.currentNumberScheduled ?? 0, { type: 'integer' }),
    col('Ready', (o) => o.status?.numberReady ?? 0, { type: 'integer' }), col('Up-to-date', (o) => o.status?.updatedNumberScheduled ?? 0, { type: 'integer' }),
    col('Available', (o) => o.status?.numberAvailable ?? 0, { type: 'integer' }),
    col('Node Selector', (o) => none(Object.entries(podTemplate(o).nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`).join(','))), AGE, containers, images, selector,
  ],
  Job: [
    NAME, col('Status', (o) => (((o.status?.conditions ?? []) as Obj[]).find((c) => c.status === 'True' && (c.type === 'Complete' || c.type === 'Failed'))?.type ?? 'Running')),
    col('Completions', (o) => `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}`), AGE, containers, images, selector,
  ],
  CronJob: [
    NAME, col('Schedule', (o) => o.spec?.schedule ?? ''), col('Timezone', (o) => o.spec?.timeZone ?? '<none>'), col('Suspend', (o) => String(o.spec?.suspend ?? false)),
    col('Active', (o) => (o.status?.active ?? []).length, { type: 'integer' }), col('Last Schedule', (o, now) => (o.status?.lastScheduleTime ? ageOf(o.status.lastScheduleTime, now) : '<none>')), AGE, containers, images,
  ],
  Event: [
    col('Last Seen', eventLastSeen), col('Type', (o) => o.type ?? ''), col('Reason', (o) => o.reason ?? ''), col('Object', eventObject),
    col('Message', (o) => String(o.message ?? o.note ?? '').trim()), wide(col('Subobject', (o) => o.involvedObject?.fieldPath ?? '')),
    wide(col('Source', (o) => o.source?.component ?? o.reportingController ?? '')), wide(col('First Seen', (o, now) => ageOf(o.firstTimestamp ?? o.eventTime, now))),
    wide(col('Count', (o) => o.count ?? o.series?.count ?? 1, { type: 'integer' })), wide(col('Name', (o) => o.metadata?.name ?? '')),
  ],
  Lease: [NAME, col('Holder', (o) => o.spec?.holderIdentity ?? ''), AGE],
  Endpoints: [NAME, col('Endpoints', (o) => none(((o.subsets ?? []) as Obj[]).flatMap((s) => ((s.addresses ?? []) as Obj[]).flatMap((a) => ((s.ports ?? [{}]) as Obj[]).map((p) => (p.port ? `${a.ip}:${p.port}` : a.ip)))).join(','))), AGE],
  PersistentVolumeClaim: [
    NAME, col('Status', (o) => o.status?.phase ?? 'Pending'), col('Volume', (o) => o.spec?.volumeName ?? ''), col('Capacity', (o) => o.status?.capacity?.storage ?? ''),
    col('Access Modes', (o) => (o.status?.accessModes ?? []).join(',')), col('StorageClass', (o) => o.spec?.storageClassName ?? '<unset>'), AGE,
  ],
  Ingress: [
    NAME, col('Class', (o) => o.spec?.ingressClassName ?? '<none>'), col('Hosts', (o) => none(((o.spec?.rules ?? []) as Obj[]).map((r) => r.host ?? '*').join(','))),
    col('Address', (o) => ((o.status?.loadBalancer?.ingress ?? []) as Obj[]).map((i) => i.ip ?? i.hostname).join(',')), col('Ports', (o) => ((o.spec?.tls ?? []).length ? '80, 443' : '80')), AGE,
  ],
  HorizontalPodAutoscaler: [
    NAME, col('Reference', (o) => `${o.spec?.scaleTargetRef?.kind ?? ''}/${o.spec?.scaleTargetRef?.name ?? ''}`), col('Targets', () => '<unknown>'),
    col('MinPods', (o) => o.spec?.minReplicas ?? 1, { type: 'integer' }), col('MaxPods', (o) => o.spec?.maxReplicas ?? 0, { type: 'integer' }), col('Replicas', (o) => o.status?.currentReplicas ?? 0, { type: 'integer' }), AGE,
  ],
  CustomResourceDefinition: [NAME, col('Created At', (o) => o.metadata?.creationTimestamp ?? '', { type: 'date' })],
  RoleBinding: [NAME, col('Role', (o) => `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}`), AGE],
  ClusterRoleBinding: [NAME, col('Role', (o) => `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}`), AGE],
};

/** The columns every kind without a printer gets. */
export const DEFAULT_COLUMNS: readonly BuiltinColumn[] = [NAME, AGE];
