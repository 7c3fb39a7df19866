/**
 * Remembers which keys were already reported, so a condition that repeats (every retry,
 * every call for the same id) is logged once. Bounded: past `capacity` the oldest key is
 * forgotten, so a long-lived process does not grow with every id it ever saw.
 */
export class ReportedOnce {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** True the first time `key` is given (since it was last forgotten). */
  first(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }

  forget(key: string): void {
    this.seen.delete(key);
  }
}
