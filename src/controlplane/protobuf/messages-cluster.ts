import type { MessageTable } from './schema.js';

// k8s.io/api rbac/v1, policy/v1, scheduling/v1, networking/v1 (Ingress),
// authorization/v1 (self reviews) and authentication/v1 (TokenRequest). Field numbers from generated.proto, flags
// from types.go json tags (see schema.ts).

/** Descriptors for RBAC, PodDisruptionBudget, PriorityClass, Ingress, the self reviews and TokenRequest. */
export const CLUSTER_MESSAGES: MessageTable = {
  Role: ['1 metadata ObjectMeta', '2 rules! []PolicyRule'],
  ClusterRole: ['1 metadata ObjectMeta', '2 rules! []PolicyRule', '3 aggregationRule* AggregationRule'],
  PolicyRule: [
    '1 verbs! []string',
    '2 apiGroups []string',
    '3 resources []string',
    '4 resourceNames []string',
    '5 nonResourceURLs []string',
  ],
  AggregationRule: ['1 clusterRoleSelectors []LabelSelector'],
  RoleBinding: ['1 metadata ObjectMeta', '2 subjects []Subject', '3 roleRef! RoleRef'],
  ClusterRoleBinding: ['1 metadata ObjectMeta', '2 subjects []Subject', '3 roleRef! RoleRef'],
  Subject: ['1 kind!', '2 apiGroup', '3 name!', '4 namespace'],
  RoleRef: ['1 apiGroup!', '2 kind!', '3 name!'],

  PodDisruptionBudget: [
    '1 metadata ObjectMeta',
    '2 spec PodDisruptionBudgetSpec',
    '3 status PodDisruptionBudgetStatus',
  ],
  PodDisruptionBudgetSpec: [
    '1 minAvailable* IntOrString',
    '2 selector* LabelSelector',
    '3 maxUnavailable* IntOrString',
    '4 unhealthyPodEvictionPolicy*',
  ],
  PodDisruptionBudgetStatus: [
    '1 observedGeneration int64',
    '2 disruptedPods map<Time>',
    '3 disruptionsAllowed! int32',
    '4 currentHealthy! int32',
    '5 desiredHealthy! int32',
    '6 expectedPods! int32',
    '7 conditions []Condition',
  ],

  PriorityClass: [
    '1 metadata ObjectMeta',
    '2 value! int32',
    '3 globalDefault bool',
    '4 description',
    '5 preemptionPolicy*',
  ],

  Ingress: ['1 metadata ObjectMeta', '2 spec IngressSpec', '3 status IngressStatus'],
  IngressSpec: [
    '4 ingressClassName*',
    '1 defaultBackend* IngressBackend',
    '2 tls []IngressTLS',
    '3 rules []IngressRule',
  ],
  IngressBackend: ['4 service* IngressServiceBackend', '3 resource* TypedLocalObjectReference'],
  IngressServiceBackend: ['1 name!', '2 port ServiceBackendPort'],
  ServiceBackendPort: ['1 name', '2 number int32'],
  IngressTLS: ['1 hosts []string', '2 secretName'],
  IngressRule: ['1 host', '2 ...IngressRuleValue'],
  IngressRuleValue: ['1 http* HTTPIngressRuleValue'],
  HTTPIngressRuleValue: ['1 paths! []HTTPIngressPath'],
  HTTPIngressPath: ['1 path', '3 pathType*!', '2 backend! IngressBackend'],
  IngressStatus: ['1 loadBalancer IngressLoadBalancerStatus'],
  IngressLoadBalancerStatus: ['1 ingress []IngressLoadBalancerIngress'],
  IngressLoadBalancerIngress: ['1 ip', '2 hostname', '4 ports []IngressPortStatus'],
  IngressPortStatus: ['1 port! int32', '2 protocol!', '3 error*'],

  SelfSubjectAccessReview: [
    '1 metadata ObjectMeta',
    '2 spec! SelfSubjectAccessReviewSpec',
    '3 status SubjectAccessReviewStatus',
  ],
  SelfSubjectAccessReviewSpec: [
    '1 resourceAttributes* ResourceAttributes',
    '2 nonResourceAttributes* NonResourceAttributes',
  ],
  ResourceAttributes: [
    '1 namespace',
    '2 verb',
    '3 group',
    '4 version',
    '5 resource',
    '6 subresource',
    '7 name',
    '8 fieldSelector* FieldSelectorAttributes',
    '9 labelSelector* LabelSelectorAttributes',
  ],
  FieldSelectorAttributes: ['1 rawSelector', '2 requirements []FieldSelectorRequirement'],
  LabelSelectorAttributes: ['1 rawSelector', '2 requirements []LabelSelectorRequirement'],
  NonResourceAttributes: ['1 path', '2 verb'],
  SubjectAccessReviewStatus: ['1 allowed! bool', '4 denied bool', '2 reason', '3 evaluationError'],
  SelfSubjectRulesReview: [
    '1 metadata ObjectMeta',
    '2 spec! SelfSubjectRulesReviewSpec',
    '3 status SubjectRulesReviewStatus',
  ],
  SelfSubjectRulesReviewSpec: ['1 namespace'],
  SubjectRulesReviewStatus: [
    '1 resourceRules! []ResourceRule',
    '2 nonResourceRules! []NonResourceRule',
    '3 incomplete! bool',
    '4 evaluationError',
  ],
  ResourceRule: ['1 verbs! []string', '2 apiGroups []string', '3 resources []string', '4 resourceNames []string'],
  NonResourceRule: ['1 verbs! []string', '2 nonResourceURLs []string'],

  // `kubectl create token` POSTs this to serviceaccounts/<name>/token.
  SelfSubjectReview: ['1 metadata ObjectMeta', '2 status SelfSubjectReviewStatus'],
  SelfSubjectReviewStatus: ['1 userInfo UserInfo'],
  UserInfo: ['1 username', '2 uid', '3 groups []string'],

  TokenRequest: ['1 metadata ObjectMeta', '2 spec! TokenRequestSpec', '3 status TokenRequestStatus'],
  TokenRequestSpec: [
    '1 audiences! []string',
    '4 expirationSeconds* int64',
    '3 boundObjectRef* BoundObjectReference',
  ],
  BoundObjectReference: ['1 kind', '2 apiVersion', '3 name', '4 uid'],
  TokenRequestStatus: ['1 token!', '2 expirationTimestamp! Time'],
};
