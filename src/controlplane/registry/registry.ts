import { BUILTIN_RESOURCES } from './builtin-resources.js';
import type { ResourceType } from './resource-type.js';
import { compareVersionPriority } from './version-priority.js';

/** A served API group with its versions, preferred first. */
export interface ServedGroup {
  readonly name: string;
  readonly versions: readonly string[];
}

/**
 * The resources the control plane serves right now: the built-ins plus those registered by
 * Established CustomResourceDefinitions. Discovery and OpenAPI read it; `generation` changes on
 * every registration so that their caches and ETags follow.
 */
export class ResourceRegistry {
  private readonly byPath = new Map<string, ResourceType>();
  private readonly byKind = new Map<string, ResourceType>();
  private readonly fromCrd = new Map<string, readonly ResourceType[]>();
  private readonly groupOrder: string[] = [];
  private revision = 0;

  constructor(builtins: readonly ResourceType[] = BUILTIN_RESOURCES) {
    for (const type of builtins) this.add(type);
  }

  /** Increases whenever the set of served resources changes. */
  get generation(): number {
    return this.revision;
  }

  /** The resource served at `/apis/<group>/<version>/<plural>`. */
  resolve(group: string, version: string, plural: string): ResourceType | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  /** The resource that stores objects of a kind in a group-version. */
  forKind(group: string, version: string, kind: string): ResourceType | undefined {
    return this.byKind.get(`${group}/${version}/${kind}`);
  }

  /** All resources of a group-version, in registration order. */
  resourcesOf(group: string, version: string): ResourceType[] {
    return [...this.byPath.values()].filter((type) => type.group === group && type.version === version);
  }

  /** Every served resource. */
  all(): ResourceType[] {
    return [...this.byPath.values()];
  }

  /** Served groups ('' is core) with versions in priority order. */
  groups(): ServedGroup[] {
    return this.groupOrder.map((name) => ({
      name,
      versions: [...new Set(this.all().filter((t) => t.group === name).map((t) => t.version))].sort(compareVersionPriority),
    }));
  }

  /** Serves the versions of a CustomResourceDefinition, replacing what it served before. */
  registerCrd(crdName: string, types: readonly ResourceType[]): void {
    this.unregisterCrd(crdName, false);
    for (const type of types) this.add(type);
    this.fromCrd.set(crdName, types);
    this.revision++;
  }

  /** Stops serving what a CustomResourceDefinition registered. */
  unregisterCrd(crdName: string, bump = true): void {
    const types = this.fromCrd.get(crdName);
    if (!types) return;
    for (const type of types) {
      this.byPath.delete(`${type.group}/${type.version}/${type.plural}`);
      this.byKind.delete(`${type.group}/${type.version}/${type.kind}`);
    }
    this.fromCrd.delete(crdName);
    const stillServed = new Set(this.all().map((t) => t.group));
    for (let i = this.groupOrder.length - 1; i >= 0; i--) if (!stillServed.has(this.groupOrder[i]!)) this.groupOrder.splice(i, 1);
    if (bump) this.revision++;
  }

  private add(type: ResourceType): void {
    this.byPath.set(`${type.group}/${type.version}/${type.plural}`, type);
    this.byKind.set(`${type.group}/${type.version}/${type.kind}`, type);
    if (!this.groupOrder.includes(type.group)) this.groupOrder.push(type.group);
  }
}
