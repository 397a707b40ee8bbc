// Create-only review kinds answered by the server itself. The embedded control plane has one
// user, an administrator, so every access review is allowed.
import type { ResourceType } from '../registry/index.js';
import { ApiError } from '../api-error.js';

/** The one identity the control plane authenticates. */
export const ADMIN_USER = { username: 'weir-admin', groups: ['system:masters', 'system:authenticated'] };

/** Answers a review kind: the request echoed with its status filled in. */
export function answerReview(type: ResourceType, body: Record<string, unknown>): Record<string, unknown> {
  const base = { ...body, apiVersion: `${type.group}/${type.version}`, kind: type.kind, metadata: { creationTimestamp: null } };
  switch (type.kind) {
    case 'SelfSubjectAccessReview':
      return { ...base, status: { allowed: true, reason: 'weir-admin may do anything in the embedded control plane' } };
    case 'SelfSubjectRulesReview':
      return {
        ...base,
        status: {
          resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
          nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
          incomplete: false,
        },
      };
    case 'SelfSubjectReview':
      return { ...base, status: { userInfo: ADMIN_USER } };
    default:
      throw ApiError.methodNotAllowed(`create is not supported on ${type.plural}`);
  }
}
