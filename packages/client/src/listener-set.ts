/** A set of callbacks where one throwing listener cannot starve the others. */
export type ErrorReporter = (error: unknown, context: string) => void;

export const defaultErrorReporter: ErrorReporter = (error, context) => {
  console.error(`[liveprogress] ${context} threw:`, error);
};

export class ListenerSet<Args extends unknown[] = []> {
  readonly #listeners = new Set<(...args: Args) => void>();

  readonly #report: ErrorReporter;
  readonly #context: string;

  constructor(report: ErrorReporter, context: string) {
    this.#report = report;
    this.#context = context;
  }

  get size(): number {
    return this.#listeners.size;
  }

  add(listener: (...args: Args) => void): () => void {
    // Wrap so the same function added twice is two subscriptions, each with its own off.
    const entry = (...args: Args): void => listener(...args);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  emit(...args: Args): void {
    for (const listener of [...this.#listeners]) {
      // A listener removed by an earlier one in this same pass must not hear this emit.
      if (!this.#listeners.has(listener)) continue;
      try {
        listener(...args);
      } catch (error) {
        this.#report(error, this.#context);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
