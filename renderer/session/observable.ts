/**
 * A value that changes over time and can be watched. `subscribe` follows Svelte's store contract
 * (the listener gets the current value at once, then every change; it returns the unsubscribe
 * function), so a component reads it as `$store` while plain TypeScript and tests use it too.
 */
export interface Readable<T> {
  subscribe(listener: (value: T) => void): () => void;
}

/** The writable side, kept private by its owner, which hands out only the `Readable`. */
export class Observable<T> implements Readable<T> {
  #value: T;
  readonly #listeners = new Set<(value: T) => void>();

  constructor(initial: T) {
    this.#value = initial;
  }

  /** The current value. */
  get value(): T {
    return this.#value;
  }

  subscribe(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#value);
    return () => this.#listeners.delete(listener);
  }

  /** Replaces the value and tells every listener (in subscription order). */
  set(value: T): void {
    this.#value = value;
    for (const listener of [...this.#listeners]) listener(value);
  }
}
