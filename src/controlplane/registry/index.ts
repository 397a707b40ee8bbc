// registry: which resources the control plane serves (built-ins and CRD-defined), with their
// names, scopes and verbs. It holds no objects and does no I/O.
export { BUILTIN_RESOURCES } from './builtin-resources.js';
export { ResourceRegistry, type ServedGroup } from './registry.js';
export { STORED_VERBS, groupVersionOf, storagePrefix, type PrinterColumn, type ResourceType, type ScaleSubresource } from './resource-type.js';
export { compareVersionPriority } from './version-priority.js';
