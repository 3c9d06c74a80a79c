/**
 * A value made when first asked and kept, except when making it failed: a rejected attempt is
 * forgotten, so the next `get()` tries again (the tab that blocked a database upgrade may be
 * closed by then). Concurrent callers share one attempt.
 */
export interface RetryingLazy<T> {
  get(): Promise<T>;
  /** Forget the value (or the attempt under way): the next `get()` makes it again. */
  forget(): void;
}

export function retryingLazy<T>(make: () => Promise<T> | T): RetryingLazy<T> {
  let held: Promise<T> | undefined;
  return {
    get() {
      if (held) return held;
      // Through a then: a `make` that throws instead of rejecting is handled the same way.
      const attempt = Promise.resolve().then(make);
      held = attempt;
      attempt.catch(() => {
        if (held === attempt) held = undefined;
      });
      return attempt;
    },
    forget() {
      held = undefined;
    },
  };
}
