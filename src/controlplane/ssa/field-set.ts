// A set of field paths, stored as the API server stores it: a tree whose nodes list the elements
// that are themselves members and the elements that lead to deeper members. A node's presence in
// `children` does not make it a member; `.data.key1` can be in a set without `.data`.
import { compareElements, elementKey, type FieldPath, type PathElement } from './path.js';

/** A child node: the element leading to it and the paths below it. Never empty. */
export interface FieldSetNode {
  readonly element: PathElement;
  readonly set: FieldSet;
}

/** An immutable set of field paths, keyed by each element's FieldsV1 key. */
export interface FieldSet {
  readonly members: ReadonlyMap<string, PathElement>;
  readonly children: ReadonlyMap<string, FieldSetNode>;
}

/** A field set under construction (the walkers fill one, then hand it out as a FieldSet). */
export interface MutableFieldSet extends FieldSet {
  readonly members: Map<string, PathElement>;
  readonly children: Map<string, { readonly element: PathElement; readonly set: MutableFieldSet }>;
}

/** A new, empty, mutable field set. */
export function newFieldSet(): MutableFieldSet {
  return { members: new Map(), children: new Map() };
}

const EMPTY: FieldSet = newFieldSet();

/** The empty field set. */
export function emptyFieldSet(): FieldSet {
  return EMPTY;
}

/** Adds a path; its parents are not added (the root itself is never a member). */
export function insertPath(set: MutableFieldSet, path: FieldPath): void {
  let node = set;
  for (let i = 0; i < path.length; i++) {
    const element = path[i] as PathElement;
    const key = elementKey(element);
    if (i === path.length - 1) {
      node.members.set(key, element);
      return;
    }
    let child = node.children.get(key);
    if (child === undefined) {
      child = { element, set: newFieldSet() };
      node.children.set(key, child);
    }
    node = child.set;
  }
}

/** A field set holding exactly these paths. */
export function fieldSetFromPaths(paths: Iterable<FieldPath>): FieldSet {
  const set = newFieldSet();
  for (const path of paths) insertPath(set, path);
  return set;
}

/** True when no path is a member. */
export function isEmptySet(set: FieldSet): boolean {
  if (set.members.size > 0) return false;
  for (const child of set.children.values()) if (!isEmptySet(child.set)) return false;
  return true;
}

/** True when `path` is a member. */
export function hasPath(set: FieldSet, path: FieldPath): boolean {
  let node: FieldSet | undefined = set;
  for (let i = 0; i < path.length && node !== undefined; i++) {
    const key = elementKey(path[i] as PathElement);
    if (i === path.length - 1) return node.members.has(key);
    node = node.children.get(key)?.set;
  }
  return false;
}

/** The paths below `element`, with `element` stripped off. */
export function withPrefix(set: FieldSet, element: PathElement): FieldSet {
  return set.children.get(elementKey(element))?.set ?? EMPTY;
}

type ChildMerge = (a: FieldSet | undefined, b: FieldSet | undefined, key: string) => FieldSet | undefined;

// Combines two node maps; `merge` returns the child set to keep (undefined or empty drops it).
function combine(a: FieldSet, b: FieldSet, members: Map<string, PathElement>, merge: ChildMerge): FieldSet {
  const children = new Map<string, FieldSetNode>();
  for (const key of new Set([...a.children.keys(), ...b.children.keys()])) {
    const node = a.children.get(key) ?? (b.children.get(key) as FieldSetNode);
    const set = merge(a.children.get(key)?.set, b.children.get(key)?.set, key);
    if (set !== undefined && !isEmptySet(set)) children.set(key, { element: node.element, set });
  }
  return { members, children };
}

/** Paths in either set. */
export function union(a: FieldSet, b: FieldSet): FieldSet {
  const members = new Map([...a.members, ...b.members]);
  return combine(a, b, members, (x, y) => (x && y ? union(x, y) : (x ?? y)));
}

/** Paths in both sets. */
export function intersection(a: FieldSet, b: FieldSet): FieldSet {
  const members = new Map([...a.members].filter(([key]) => b.members.has(key)));
  return combine(a, b, members, (x, y) => (x && y ? intersection(x, y) : undefined));
}

/** Paths of `a` not in `b`; a member of `b` does not remove the paths below it. */
export function difference(a: FieldSet, b: FieldSet): FieldSet {
  const members = new Map([...a.members].filter(([key]) => !b.members.has(key)));
  return combine(a, b, members, (x, y) => (x && y ? difference(x, y) : x));
}

/** Paths of `a` not in `b`, where a member of `b` also removes every path below it. */
export function recursiveDifference(a: FieldSet, b: FieldSet): FieldSet {
  const members = new Map([...a.members].filter(([key]) => !b.members.has(key)));
  return combine(a, b, members, (x, y, key) =>
    x === undefined || b.members.has(key) ? undefined : y ? recursiveDifference(x, y) : x,
  );
}

/** True when both sets hold the same paths. */
export function setsEqual(a: FieldSet, b: FieldSet): boolean {
  return isEmptySet(difference(a, b)) && isEmptySet(difference(b, a));
}

/** A node's member elements and child nodes, each in the server's element order. */
export function sortedNode(set: FieldSet): { members: PathElement[]; children: FieldSetNode[] } {
  return {
    members: [...set.members.values()].sort(compareElements),
    children: [...set.children.values()].sort((x, y) => compareElements(x.element, y.element)),
  };
}

/** Every member path, in the server's order: a node's members first, then its children's. */
export function listPaths(set: FieldSet, prefix: FieldPath = []): FieldPath[] {
  const { members, children } = sortedNode(set);
  const out: FieldPath[] = members.map((element) => [...prefix, element]);
  for (const child of children) out.push(...listPaths(child.set, [...prefix, child.element]));
  return out;
}
