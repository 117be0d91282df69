/** Signature map of an emitter: event name => listener type (interfaces welcome: no index signature needed). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventMap<E> = { [K in keyof E]: (...args: any[]) => void };

/**
 * A tiny typed event emitter. Listener errors are reported and swallowed so one broken
 * UI listener cannot stop the engine from delivering the same event to others.
 */
export class Emitter<E extends EventMap<E>> {
  private readonly listeners = new Map<keyof E, Set<E[keyof E]>>();

  /** Subscribe; returns a function that unsubscribes. */
  on<K extends keyof E>(event: K, fn: E[K]): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(fn);
    return () => this.off(event, fn);
  }

  /** Unsubscribe a listener added with `on` or `once`. */
  off<K extends keyof E>(event: K, fn: E[K]): void {
    this.listeners.get(event)?.delete(fn);
  }

  /** Subscribe for the next emission only. */
  once<K extends keyof E>(event: K, fn: E[K]): () => void {
    const wrapper = ((...args: Parameters<E[K]>) => {
      this.off(event, wrapper);
      fn(...args);
    }) as E[K];
    return this.on(event, wrapper);
  }

  /** Deliver an event to every current listener, in subscription order. */
  emit<K extends keyof E>(event: K, ...args: Parameters<E[K]>): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        fn(...args);
      } catch (err) {
        console.error(`listener of '${String(event)}' threw`, err);
      }
    }
  }

  /** Drop every listener (used when an object is closed for good). */
  removeAllListeners(): void {
    this.listeners.clear();
  }
}
