// In-process wake-ups for DeviceSigners waiting on a tablet: when the tablet's answer reaches
// this node, the waiter hears at once; when it reaches another node, the waiter finds it in the
// database at its next look. Only promises live here, never the answer itself.

export class DeviceAnswers {
  readonly #waiters = new Map<string, Set<() => void>>();

  /** Resolves when `requestId` is answered here, or after `ms`, whichever comes first. */
  wait(requestId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(requestId) ?? new Set<() => void>();
      this.#waiters.set(requestId, waiters);
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0) this.#waiters.delete(requestId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
    });
  }

  notify(requestId: string): void {
    for (const wake of [...(this.#waiters.get(requestId) ?? [])]) wake();
  }
}
