/** A sorted array of strings with binary-search insert, delete and prefix ranges. */
export class SortedKeys {
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  insert(key: string): void {
    const at = this.lowerBound(key);
    if (this.keys[at] !== key) this.keys.splice(at, 0, key);
  }

  remove(key: string): void {
    const at = this.lowerBound(key);
    if (this.keys[at] === key) this.keys.splice(at, 1);
  }

  /** Keys starting with `prefix` and greater than `afterKey`, at most `limit`. */
  range(prefix: string, afterKey: string | undefined, limit: number): string[] {
    const from = afterKey !== undefined && afterKey >= prefix ? this.upperBound(afterKey) : this.lowerBound(prefix);
    const out: string[] = [];
    for (let i = from; i < this.keys.length && out.length < limit; i++) {
      const key = this.keys[i]!;
      if (!key.startsWith(prefix)) break;
      out.push(key);
    }
    return out;
  }

  countPrefix(prefix: string): number {
    const from = this.lowerBound(prefix);
    // Every key with the prefix sorts below prefix + U+FFFF.
    return this.lowerBound(prefix + '\uffff') - from;
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private upperBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
