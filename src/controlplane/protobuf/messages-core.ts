import type { MessageTable } from './schema.js';

// k8s.io/api/core/v1 top-level kinds that kubectl's typed `create` commands send,
// and the small reference types shared across groups. Field numbers from
// generated.proto, flags from types.go json tags (see schema.ts).

/** Descriptors for Namespace, ConfigMap, Secret, Service, ServiceAccount, ResourceQuota. */
export const CORE_MESSAGES: MessageTable = {
  Namespace: ['1 metadata ObjectMeta', '2 spec NamespaceSpec', '3 status NamespaceStatus'],
  NamespaceSpec: ['1 finalizers []string'],
  NamespaceStatus: ['1 phase', '2 conditions []NamespaceCondition'],
  NamespaceCondition: ['1 type!', '2 status!', '4 lastTransitionTime Time', '5 reason', '6 message'],

  ConfigMap: [
    '1 metadata ObjectMeta',
    '4 immutable* bool',
    '2 data map<string>',
    '3 binaryData map<bytes>',
  ],
  Secret: [
    '1 metadata ObjectMeta',
    '5 immutable* bool',
    '2 data map<bytes>',
    '4 stringData map<string>',
    '3 type',
  ],

  Service: ['1 metadata ObjectMeta', '2 spec ServiceSpec', '3 status ServiceStatus'],
  ServiceSpec: [
    '1 ports []ServicePort',
    '2 selector map<string>',
    '3 clusterIP',
    '18 clusterIPs []string',
    '4 type',
    '5 externalIPs []string',
    '7 sessionAffinity',
    '8 loadBalancerIP',
    '9 loadBalancerSourceRanges []string',
    '10 externalName',
    '11 externalTrafficPolicy',
    '12 healthCheckNodePort int32',
    '13 publishNotReadyAddresses bool',
    '14 sessionAffinityConfig* SessionAffinityConfig',
    '19 ipFamilies []string',
    '17 ipFamilyPolicy*',
    '20 allocateLoadBalancerNodePorts* bool',
    '21 loadBalancerClass*',
    '22 internalTrafficPolicy*',
  ],
  ServicePort: [
    '1 name',
    '2 protocol',
    '6 appProtocol*',
    '3 port! int32',
    '4 targetPort IntOrString',
    '5 nodePort int32',
  ],
  SessionAffinityConfig: ['1 clientIP* ClientIPConfig'],
  ClientIPConfig: ['1 timeoutSeconds* int32'],
  ServiceStatus: ['1 loadBalancer LoadBalancerStatus', '2 conditions []Condition'],
  LoadBalancerStatus: ['1 ingress []LoadBalancerIngress'],
  LoadBalancerIngress: ['1 ip', '2 hostname', '3 ipMode*', '4 ports []PortStatus'],
  PortStatus: ['1 port! int32', '2 protocol!', '3 error*'],

  ServiceAccount: [
    '1 metadata ObjectMeta',
    '2 secrets []ObjectReference',
    '3 imagePullSecrets []LocalObjectReference',
    '4 automountServiceAccountToken* bool',
  ],

  ResourceQuota: ['1 metadata ObjectMeta', '2 spec ResourceQuotaSpec', '3 status ResourceQuotaStatus'],
  ResourceQuotaSpec: ['1 hard map<Quantity>', '2 scopes []string', '3 scopeSelector* ScopeSelector'],
  ScopeSelector: ['1 matchExpressions []ScopedResourceSelectorRequirement'],
  ScopedResourceSelectorRequirement: ['1 scopeName!', '2 operator!', '3 values []string'],
  ResourceQuotaStatus: ['1 hard map<Quantity>', '2 used map<Quantity>'],

  ObjectReference: [
    '1 kind',
    '2 namespace',
    '3 name',
    '4 uid',
    '5 apiVersion',
    '6 resourceVersion',
    '7 fieldPath',
  ],
  LocalObjectReference: ['1 name'],
  TypedLocalObjectReference: ['1 apiGroup*!', '2 kind!', '3 name!'],
  TypedObjectReference: ['1 apiGroup*!', '2 kind!', '3 name!', '4 namespace*'],
};
